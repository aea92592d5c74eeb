import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { openSqliteTradeStore } from '../../shared/store/sqlite-trade-store.js';
import { makeSignal } from '../functions/persist-state/signal-factory.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

const stateDir = mkdtempSync(join(tmpdir(), 'sentinel-start-'));

function start(...args: string[]) {
  return run(process.execPath, ['--import=tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    maxBuffer: 16 << 20,
    env: { ...process.env, SQLITE_PATH: join(stateDir, `${args.join('-').replace(/[^\w-]/g, '_')}.db`), LOG_LEVEL: 'warn' },
  });
}

test('--json prints one summary object on the last line of stdout', async (t) => {
  const { stdout, stderr } = await start('--json', '--symbols', 'BTC/USD,SPY', '--from', '2019-01-01', '--to', '2020-06-30');
  const lines = stdout.trimEnd().split('\n');
  t.is(lines.length, 1, 'only the JSON line on stdout; progress goes to stderr');
  const summary = JSON.parse(lines[0]) as Record<string, unknown>;
  t.deepEqual(summary.symbols, ['BTC/USD', 'SPY']);
  for (const key of ['bars', 'signals', 'rejected', 'durationMs']) t.is(typeof summary[key], 'number', key);
  t.is(typeof summary.outcomes, 'object');
  t.is(typeof summary.byPattern, 'object');
  t.regex(stderr, /replay BTC\/USD, SPY 1Day: \d+ moments, \d+ bars decided/);
  for (const key of ['newSignals', 'notifications', 'deadLetters']) t.is(typeof summary[key], 'number', key);
  t.is(summary.deadLetters, 0);
  const all = summary.all as Record<string, unknown>;
  for (const key of ['count', 'open']) t.is(typeof all[key], 'number', `all.${key}`);
  t.true(typeof summary.averageRNet === 'number' || summary.averageRNet === null);
});

test('a store written by older lifecycle rules is refused with exit 65 and a hint to --reset', async (t) => {
  const path = join(stateDir, 'older-rules.db');
  const store = openSqliteStore({ path, environment: 'dev' });
  await store.createSignalIfAbsent(makeSignal({ rulesVersion: 1 }), []);
  await store.close();
  const error = await t.throwsAsync(
    run(process.execPath, ['--import=tsx', 'scripts/start.ts', '--json', '--symbols', 'BTC/USD', '--from', '2024-06-01'], {
      cwd: root,
      env: { ...process.env, SQLITE_PATH: path, LOG_LEVEL: 'warn' },
    }),
  );
  const failure = error as Error & { code?: number; stderr?: string };
  t.is(failure.code, 65);
  t.regex(failure.stderr ?? '', /1 signals decided under lifecycle rules version 1; this is version 2.*npm start -- --reset/s);
});

test('the human report lists signals and the per-pattern table', async (t) => {
  const { stdout } = await start('--symbols', 'ETH/USD', '--from', '2024-01-01');
  t.regex(stdout, /Signals \(\d+\)/);
  t.regex(
    stdout,
    /pattern\s+count\s+win rate\s+TP1 rate\s+stop rate\s+expired\s+avg R gross\s+avg R net\s+expectancy\s+profit factor/,
  );
  t.regex(stdout, /^all\s+\d+\s+/m);
  t.regex(stdout, /\d+ bars decided; this run: \d+ new signals, \d+ events, \d+ notifications, 0 dead letters/);
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  const path = /^Performance report \(charts\): (\S+report\.html)/.exec(last)?.[1];
  t.truthy(path, `the last line names the report: ${last}`);
  t.regex(readFileSync(path ?? '', 'utf8'), /data-chart="cumulative-r"/);
});

const badOptions: [string[], RegExp][] = [
  [['--symbols', 'DOGE/USD'], /--symbols: no bundled 1Day data for "DOGE\/USD"/],
  [['--timeframe', '1Week'], /--timeframe "1Week" is not one of 1Day, 4Hour, 1Hour/],
  [['--from', 'yesterday'], /--from "yesterday" is not a date/],
  [['--from', '2024-02-31'], /--from "2024-02-31" is not a date/],
  [['--from', '2024-01-02', '--to', '2024-01-01'], /--from 2024-01-02 is after --to 2024-01-01/],
  [['--frm', '2024-01-01'], /Unknown option '--frm'/],
];

for (const [args, message] of badOptions) {
  test(`rejects ${args.join(' ')} with exit code 2 and a message naming the option`, async (t) => {
    const error = await t.throwsAsync(start(...args));
    const failure = error as Error & { code?: number; stderr?: string };
    t.is(failure.code, 2);
    t.regex(failure.stderr ?? '', message);
    t.regex(failure.stderr ?? '', /Usage: npm start/);
  });
}

test("the replay's report charts the paper account: a snapshot when positions closed, the last one at the final equity", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-start-account-'));
  const { stdout } = await run(
    process.execPath,
    ['--import=tsx', 'scripts/start.ts', '--json', '--symbols', 'BTC/USD,ETH/USD', '--from', '2020-01-01'],
    { cwd: root, maxBuffer: 16 << 20, env: { ...process.env, SQLITE_PATH: join(dir, 's.db'), LOG_LEVEL: 'warn' } },
  );
  const summary = JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '{}') as { paperAccount: { trades: number; equity: number } };
  t.true(summary.paperAccount.trades > 0, 'the replay traded');
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  t.regex(html, /data-chart="account-equity"/);
  const store = openSqliteTradeStore({ path: join(dir, 's.db'), environment: 'dev' });
  t.teardown(() => store.close());
  const snapshots = await store.listAccountSnapshots(1000);
  t.true(snapshots.length >= 2 && snapshots.length <= summary.paperAccount.trades + 2, `${snapshots.length} snapshots`);
  t.true(Math.abs((snapshots[0]?.equity ?? 0) - summary.paperAccount.equity) < 0.01, 'the newest is the final equity');
});
