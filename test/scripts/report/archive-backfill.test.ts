import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { createDuckDbWarehouse } from '../../../shared/analytics/duckdb-warehouse.js';
import { eventsOfStoredSignal } from '../../../shared/analytics/backfill.js';
import { factsOf } from '../../../shared/analytics/facts.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import type { Signal } from '../../../shared/domain/signal.js';
import { createdSignal, lifecycleEventOf } from '../../shared/analytics/analytics-events.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sentinel(storePath: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_PATH: storePath, LOG_LEVEL: 'warn' };
  for (const name of ['GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST', 'STORE', 'WAREHOUSE']) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const STOPPED = { bar: '2024-03-02T00:00:00.000Z', barsHeld: 2, rNet: -1 } as const;
const WON = { bar: '2024-03-05T00:00:00.000Z', barsHeld: 3, rNet: 1.5, symbol: 'ETH/USD' } as const;
const OPEN = { bar: '2024-03-09T00:00:00.000Z', symbol: 'SPY', assetClass: 'EQUITY' } as const;

/** The signals as the store holds them: two ended, one open. */
function storedSignals(): Signal[] {
  const ended = [STOPPED, WON].map((spec) => lifecycleEventOf(spec).signal as Signal);
  return [...ended, createdSignal(OPEN)];
}

test('archive --backfill writes the facts of the signals already in the store, and a second run adds nothing', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'sentinel-backfill-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const storePath = join(folder, 'sentinel.db');
  const store = openSqliteStore({ path: storePath, environment: 'dev' });
  for (const signal of storedSignals()) await store.createSignalIfAbsent(signal, []);
  await store.close();

  for (const pass of [1, 2]) {
    const run = await sentinel(storePath, ['archive', '--backfill']);
    t.is(run.code, 0, run.stderr);
    t.regex(run.stdout, /3 signals from .*sentinel\.db: 10 facts offered to the local DuckDB file/, `pass ${pass}`);
  }
  const warehouse = createDuckDbWarehouse({ path: join(folder, 'analytics.duckdb'), idleMs: 5 });
  t.teardown(() => warehouse.close());
  const [counts] = await warehouse.query(
    'SELECT (SELECT COUNT(*) FROM fact_signals) AS facts, (SELECT COUNT(*) FROM main.v_signals) AS signals',
  );
  t.deepEqual(counts, { facts: 5, signals: 3 });
  const [total] = await warehouse.query('SELECT COUNT(*) AS n, SUM(r_net) AS r FROM main.v_signal_outcomes');
  t.deepEqual(total, { n: 2, r: 0.5 });
});

test('backfilled facts carry the live events ids: archived live first, the backfill adds nothing', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'sentinel-backfill-live-'));
  const warehouse = createDuckDbWarehouse({ path: join(folder, 'analytics.duckdb'), idleMs: 5 });
  t.teardown(async () => {
    await warehouse.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const live = lifecycleEventOf(STOPPED);
  const backfilled = eventsOfStoredSignal(live.signal as Signal);
  t.deepEqual(backfilled.map((e) => e.eventId).at(-1), live.eventId);
  await warehouse.append(factsOf(live, '2024-05-01T00:00:00.000Z'));
  for (const event of backfilled) await warehouse.append(factsOf(event, '2024-06-01T00:00:00.000Z'));
  const [counts] = await warehouse.query(
    "SELECT COUNT(*) AS n, MIN(archived_at) AS first FROM fact_signals WHERE event_type = 'signal.stopped'",
  );
  t.deepEqual(counts, { n: 1, first: '2024-05-01T00:00:00.000Z' });
});
