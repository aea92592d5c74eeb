import test from 'ava';
import type { ExecutionContext } from 'ava';
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

test('registers one push endpoint (an http function) per row of the topology table, named as its entry point', (t) => {
  for (const name of [...DEPLOYED, ...FUNCTION_NAMES]) t.is(typeof getFunction(name), 'function', name);
  t.is(getFunction('notRegistered'), undefined);
});

/** Pushes a dead letter whose source message id is `id` to recordDeadLetter through functions-framework. */
async function pushDeadLetter(t: ExecutionContext, id: string): Promise<Response> {
  const server = getTestServer('recordDeadLetter');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as AddressInfo;
  const body = {
    message: {
      data: Buffer.from('{"schemaVersion":1,"timeframe":"1D"}').toString('base64'),
      attributes: {
        sentinelError: 'field "timeframe" is invalid',
        sentinelField: 'timeframe',
        sentinelTopic: 'scan-requests',
        sourceMessageId: id,
      },
      messageId: `9${id}`,
      publishTime: new Date().toISOString(),
    },
    subscription: 'projects/p/subscriptions/dead-letters-push',
  };
  return fetch(`http://127.0.0.1:${port}/projects/p/topics/dead-letters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

// Serial tests run first: this one sees the first message of the instance.
test.serial('a build that fails (bad configuration) nacks the message and is retried at the next one', async (t) => {
  process.env.DEAD_LETTER_MAX_ATTEMPTS = '1';
  const refused = await pushDeadLetter(t, '555');
  t.false(refused.ok, 'nacked, so Pub/Sub redelivers it');
  delete process.env.DEAD_LETTER_MAX_ATTEMPTS;
  const accepted = await pushDeadLetter(t, '555');
  t.true(accepted.ok, `HTTP ${accepted.status}`);
});

test('a Pub/Sub push body reaches the handler through functions-framework: a dead letter is recorded', async (t) => {
  const response = await pushDeadLetter(t, '777');
  t.true(response.ok, `HTTP ${response.status}`);
  const store = openSqliteStore({ path: dbPath, environment: 'dev' });
  t.teardown(() => store.close());
  const [letter] = await store.listDeadLetters(10);
  t.like(letter, { id: '777', topic: 'scan-requests', field: 'timeframe', error: 'field "timeframe" is invalid' });
});
