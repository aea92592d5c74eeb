import test from 'ava';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFunction, getTestServer } from '@google-cloud/functions-framework/testing';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';

const dbPath = join(mkdtempSync(join(tmpdir(), 'sentinel-registry-')), 'sentinel.db');
Object.assign(process.env, { SQLITE_PATH: dbPath, LOG_LEVEL: 'error', DISABLE_SECRET_MANAGER: 'true' });
await import('../../functions/index.js');
const { FUNCTION_NAMES } = await import('../../functions/topology.js');

/** The entry points deployed today; the table may add more, never drop one. */
const DEPLOYED = ['fetchMarketData', 'generateSignals', 'persistState', 'notifyDiscord', 'recordDeadLetter'];

test('registers one cloudEvent function per row of the topology table, named as its entry point', (t) => {
  for (const name of [...DEPLOYED, ...FUNCTION_NAMES]) t.is(typeof getFunction(name), 'function', name);
  t.is(getFunction('notRegistered'), undefined);
});

test('a Pub/Sub push body reaches the handler through functions-framework: a dead letter is recorded', async (t) => {
  const server = getTestServer('recordDeadLetter');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as AddressInfo;
  const body = {
    message: {
      data: Buffer.from('{"schemaVersion":1,"timeframe":"1D"}').toString('base64'),
      attributes: { sentinelError: 'field "timeframe" is invalid', sentinelField: 'timeframe', sentinelTopic: 'scan-requests', sourceMessageId: '777' },
      messageId: '9001',
      publishTime: new Date().toISOString(),
    },
    subscription: 'projects/p/subscriptions/dead-letters-push',
  };
  const response = await fetch(`http://127.0.0.1:${port}/projects/p/topics/dead-letters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  t.true(response.ok, `HTTP ${response.status}`);
  const store = openSqliteStore({ path: dbPath, environment: 'dev' });
  t.teardown(() => store.close());
  const [letter] = await store.listDeadLetters(10);
  t.like(letter, { id: '777', topic: 'scan-requests', field: 'timeframe', error: 'field "timeframe" is invalid' });
});
