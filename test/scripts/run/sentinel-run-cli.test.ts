import test from 'ava';
import type { ExecutionContext } from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { lockPathFor } from '../../../scripts/run/run-lock.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { bundled, KEYS } from '../../shared/market-data/alpaca-fixture.js';

// The real `npm run sentinel -- run` as a child process: signals, exit codes, the lock, configuration errors.

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Child {
  readonly process: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly exit: Promise<number | null>;
}

const freshStore = () => join(mkdtempSync(join(tmpdir(), 'sentinel-run-cli-')), 's.db');

function sentinelRun(store: string, args: readonly string[], env: Record<string, string> = {}): Child {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'GOOGLE_CLOUD_PROJECT',
    'PUBSUB_EMULATOR_HOST',
    'STORE',
    'ALPACA_API_KEY',
    'ALPACA_SECRET_KEY',
    'TEST_DISCORD_WEBHOOK',
    'ENVIRONMENT',
  ]) {
    delete childEnv[name];
  }
  Object.assign(childEnv, { SQLITE_PATH: store, LOG_LEVEL: 'warn', MARKET_DATA_SOURCE: 'replay' }, env);
  const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', 'run', ...args], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  return { process: child, output, exit };
}

/** Waits until the run has scanned and announced its next scan (its signal handlers are installed by then). */
async function announced(t: ExecutionContext, child: Child): Promise<void> {
  const started = Date.now();
  while (!child.output.stdout.includes('next scan: ')) {
    if (child.process.exitCode !== null) throw new Error(`the run exited ${child.process.exitCode}: ${child.output.stderr}`);
    if (Date.now() - started > 120_000) throw new Error(`no announcement: ${child.output.stdout}${child.output.stderr}`);
    await sleep(25);
  }
  t.pass();
}

test('Ctrl-C stops the run with exit 130 and SIGTERM with 143; each releases the lock', async (t) => {
  t.timeout(240_000, 'two CLI runs; slow on a busy machine');
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    const store = freshStore();
    const run = sentinelRun(store, []);
    await announced(t, run);
    t.regex(run.output.stdout, /market data: replaying the bundled CSV bars in data\//);
    t.regex(run.output.stdout, /notifications: console and .*outbox\.jsonl/);
    t.regex(
      run.output.stdout,
      /^\d{4}-\d\d-\d\d \d\d:\d\d UTC daily-crypto: 2 symbols, \d+ bars fetched, 0 Alpaca requests, 2 analyses/m,
    );
    t.true(existsSync(lockPathFor(store)));
    run.process.kill(signal);
    t.is(await run.exit, code, run.output.stderr);
    t.regex(run.output.stderr, new RegExp(`${signal}: stopping after the scan in flight`));
    t.false(existsSync(lockPathFor(store)), 'the lock is gone');
  }
});

test("a second run on the same store refuses to start (exit 75) naming the first; a crashed run's lock is taken over", async (t) => {
  t.timeout(240_000, 'three CLI runs; slow on a busy machine');
  const store = freshStore();
  const first = sentinelRun(store, []);
  await announced(t, first);
  const second = sentinelRun(store, ['--once']);
  t.is(await second.exit, 75);
  t.regex(
    second.output.stderr,
    new RegExp(`another sentinel run \\(pid ${first.process.pid}, started .*\\) is using ${store}; stop it first`),
  );
  t.is(second.output.stdout, '');
  first.process.kill('SIGTERM');
  t.is(await first.exit, 143);

  // A run killed with -9 leaves its lock behind; its pid is gone, so the next run takes the lock over.
  const gone = Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
  writeFileSync(lockPathFor(store), JSON.stringify({ pid: gone, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
  const after = sentinelRun(store, ['--once']);
  t.is(await after.exit, 0, after.output.stderr);
  t.regex(after.output.stdout, /nothing due/, 'the first run recorded its scans');
  t.false(existsSync(lockPathFor(store)));
});

test('MARKET_DATA_SOURCE=alpaca without both keys is a configuration error (exit 78) naming the missing key', async (t) => {
  t.timeout(240_000, 'two CLI runs; slow on a busy machine');
  const none = sentinelRun(freshStore(), ['--once'], { MARKET_DATA_SOURCE: 'alpaca' });
  t.is(await none.exit, 78);
  t.regex(
    none.output.stderr,
    /configuration error:\nALPACA_API_KEY: is not set; MARKET_DATA_SOURCE=alpaca needs ALPACA_API_KEY and ALPACA_SECRET_KEY/,
  );
  t.regex(none.output.stderr, /\nALPACA_SECRET_KEY: is not set/);

  const half = sentinelRun(freshStore(), ['--once'], { MARKET_DATA_SOURCE: 'alpaca', ALPACA_API_KEY: KEYS.keyId });
  t.is(await half.exit, 78);
  t.regex(half.output.stderr, /ALPACA_SECRET_KEY: is not set/);
  t.notRegex(half.output.stderr, /ALPACA_API_KEY: is not set/);
  t.false(half.output.stderr.includes(KEYS.keyId), 'no key value in the message');
});

test('keys Alpaca refuses are a configuration error (exit 78) naming both keys, never their values', async (t) => {
  t.timeout(240_000, 'a CLI run; slow on a busy machine');
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: {}, acceptKeys: KEYS });
  t.teardown(() => server.close());
  const store = freshStore();
  const wrong = { keyId: 'PKWRONGKEYID000000000', secretKey: 'wrong-secret-key-never-logged-000000' };
  const run = sentinelRun(store, [], {
    MARKET_DATA_SOURCE: 'alpaca',
    ALPACA_API_KEY: wrong.keyId,
    ALPACA_SECRET_KEY: wrong.secretKey,
    ALPACA_DATA_BASE_URL: server.url,
    ALPACA_TRADING_BASE_URL: server.url,
    RATE_LIMIT_DELAY: '0',
  });
  t.is(await run.exit, 78);
  t.regex(run.output.stderr, /ALPACA_API_KEY: Alpaca refused the keys \(HTTP 401: .*request is not authorized/);
  t.regex(run.output.stderr, /ALPACA_SECRET_KEY: Alpaca refused the keys/);
  for (const secret of Object.values(wrong)) t.false(`${run.output.stdout}${run.output.stderr}`.includes(secret));
  t.false(existsSync(lockPathFor(store)), 'the lock is released');
  t.deepEqual(
    server.requests.map((r) => [r.endpoint, r.status]),
    [['assets', 401]],
    'one check, no scan',
  );
});
