import test from 'ava';
import type { ExecutionContext } from 'ava';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sinon from 'sinon';
import { SCHEDULES } from '../../../functions/schedules.js';
import type { ScheduleRow } from '../../../functions/schedules.js';
import { runCommand } from '../../../scripts/cli/run.js';
import type { SignalSource } from '../../../scripts/cli/run.js';
import { openJobLedger } from '../../../scripts/run/job-ledger.js';
import { lockPathFor } from '../../../scripts/run/run-lock.js';
import type { RunClock } from '../../../scripts/run/scheduler.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaEndpoint, AlpacaServer } from '../../servers/alpaca-server.js';
import { bundled, KEYS } from '../../shared/market-data/alpaca-fixture.js';

// `sentinel run` in this process, on sinon's clock (only `Date` is faked globally, so HTTP, SQLite and the bus run
// in real time while the scheduler's timers move with `tickAsync`), against the local Alpaca server.

const CRYPTO = SCHEDULES.find((row) => row.key === 'daily-crypto') as ScheduleRow;
/** A weekday row in New York's zone: 16:30 local is 21:30Z before the DST change of 8 March 2020 and 20:30Z after. */
const NY_CLOSE: ScheduleRow = {
  key: 'ny-close',
  description: 'test: equities at 16:30 New York time',
  cron: '30 16 * * 1-5',
  timeZone: 'America/New_York',
  topic: 'scan-requests',
  attributes: { type: 'scan-request' },
  payload: { schemaVersion: 1, timeframe: '1Day', universe: 'equity' },
};

let server: AlpacaServer;

test.before(async () => {
  server = await startAlpacaServer({
    crypto: { 'BTC/USD': bundled('BTC/USD'), 'ETH/USD': bundled('ETH/USD') },
    stocks: { SPY: bundled('SPY') },
    // Read at each request: the fake clock's time, so rate-limit headers agree with the client's clock.
    now: () => Date.now(),
  });
  // The configuration is read once per process, so every test of this file shares it (each has its own store).
  Object.assign(process.env, {
    ENVIRONMENT: 'dev',
    MARKET_DATA_SOURCE: 'alpaca',
    ALPACA_API_KEY: KEYS.keyId,
    ALPACA_SECRET_KEY: KEYS.secretKey,
    ALPACA_DATA_BASE_URL: server.url,
    ALPACA_TRADING_BASE_URL: server.url,
    CRYPTO_SYMBOLS: 'BTC/USD,ETH/USD',
    EQUITY_SYMBOLS: 'SPY',
    RATE_LIMIT_DELAY: '0',
    ALPACA_RATE_LIMIT_PER_MINUTE: '10000',
    LOG_LEVEL: 'error',
  });
  for (const name of ['STORE', 'GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST', 'TEST_DISCORD_WEBHOOK']) delete process.env[name];
});
test.after.always(() => server.close());

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** One scan line: its scheduled time (UTC), job and whether it failed. */
interface ScanLine {
  readonly at: string;
  readonly job: string;
  readonly failed: boolean;
  readonly line: string;
}

const SCAN_LINE = /^(\d{4}-\d\d-\d\d \d\d:\d\d) UTC(?: \([^)]*\))? (\S+)(:| FAILED)/;

function scanLines(text: string): ScanLine[] {
  return text.split('\n').flatMap((line) => {
    const match = SCAN_LINE.exec(line);
    return match ? [{ at: match[1], job: match[2], failed: match[3] === ' FAILED', line }] : [];
  });
}

const nextLines = (text: string) => text.split('\n').filter((line) => line.startsWith('next scan: '));

/** Polls in real time (`performance.now` is not faked) until `condition` holds. */
async function until(t: ExecutionContext, condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
  t.pass();
}

const storePath = () => join(mkdtempSync(join(tmpdir(), 'sentinel-run-')), 's.db');

/** A running `sentinel run`: its output, its stop signals and its exit code. */
function startRun(fake: sinon.SinonFakeTimers, store: string, rows: readonly ScheduleRow[], args: readonly string[] = []) {
  const clock: RunClock = {
    now: () => fake.now,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (handle) => fake.clearTimeout(handle as ReturnType<typeof fake.setTimeout>),
  };
  const out = new Capture();
  const err = new Capture();
  const signals = new EventEmitter();
  const command = runCommand({ clock, rows, storePath: store, signals: signals as SignalSource, exitNow: () => undefined });
  const exit = command(args, { out, err, stdin: process.stdin });
  return { out, err, signals, exit };
}

type Run = ReturnType<typeof startRun>;

/** Moves the fake clock to `iso` and waits for the announcement of the next scan that follows. */
async function advanceTo(t: ExecutionContext, fake: sinon.SinonFakeTimers, run: Run, iso: string): Promise<void> {
  const announced = nextLines(run.out.text).length;
  await fake.tickAsync(Date.parse(iso) - fake.now);
  await until(t, () => nextLines(run.out.text).length > announced, `the scan at ${iso}`);
}

/** The `end` (asOf) of every bars request since `mark`, per endpoint. */
function barsEnds(endpoint: AlpacaEndpoint, mark: number): string[] {
  return [
    ...new Set(
      server.requests
        .slice(mark)
        .filter((r) => r.endpoint === endpoint)
        .map((r) => new Date(r.query.get('end') ?? '').toISOString()),
    ),
  ];
}

function fakeClock(t: ExecutionContext, iso: string): sinon.SinonFakeTimers {
  const fake = sinon.useFakeTimers({ now: Date.parse(iso), toFake: ['Date'] });
  t.teardown(() => fake.restore());
  return fake;
}

test.serial("scans at the rows' times, a New York row across the DST change included; asOf is the scheduled time", async (t) => {
  const fake = fakeClock(t, '2020-03-06T12:00:00Z');
  const mark = server.requests.length;
  const run = startRun(fake, storePath(), [CRYPTO, NY_CLOSE]);
  await until(t, () => nextLines(run.out.text).length === 1, 'the first announcement');
  t.regex(run.out.text, /market data: Alpaca \(http:\/\/127\.0\.0\.1:\d+, iex feed/);
  t.regex(run.out.text, /daily-crypto\s+"1 0 \* \* \*" Etc\/UTC; last run never/);
  // Never run here: each job's newest firing runs at start (Thursday 16:30 New York, Friday 00:01 UTC).
  t.deepEqual(
    scanLines(run.out.text).map((s) => `${s.job} ${s.at}`),
    ['ny-close 2020-03-05 21:30', 'daily-crypto 2020-03-06 00:01'],
  );
  t.is(nextLines(run.out.text)[0], 'next scan: ny-close at 2020-03-06 21:30 UTC (16:30 America/New_York), in 9 h 30 min');

  for (const at of ['2020-03-06T21:30:00Z', '2020-03-07T00:01:00Z', '2020-03-08T00:01:00Z', '2020-03-09T00:01:00Z'])
    await advanceTo(t, fake, run, at);
  t.is(nextLines(run.out.text).at(-1), 'next scan: ny-close at 2020-03-09 20:30 UTC (16:30 America/New_York), in 20 h 29 min');
  await advanceTo(t, fake, run, '2020-03-09T20:30:00Z');

  const scans = scanLines(run.out.text);
  t.deepEqual(
    scans.map((s) => `${s.job} ${s.at}`),
    [
      'ny-close 2020-03-05 21:30',
      'daily-crypto 2020-03-06 00:01',
      'ny-close 2020-03-06 21:30',
      'daily-crypto 2020-03-07 00:01',
      'daily-crypto 2020-03-08 00:01',
      'daily-crypto 2020-03-09 00:01',
      'ny-close 2020-03-09 20:30',
    ],
  );
  t.true(
    scans.every((s) => !s.failed),
    run.out.text,
  );
  t.regex(
    scans[1].line,
    /daily-crypto: 2 symbols, \d+ bars fetched, [1-9]\d* Alpaca requests?, 2 analyses, \d+ new signals?, \d+ events?, \d+ notifications?, 0 dead letters/,
  );
  t.regex(scans[0].line, /ny-close: 1 symbol, \d+ bars fetched/);
  t.deepEqual(barsEnds('crypto-bars', mark), [
    '2020-03-06T00:01:00.000Z',
    '2020-03-07T00:01:00.000Z',
    '2020-03-08T00:01:00.000Z',
    '2020-03-09T00:01:00.000Z',
  ]);
  t.deepEqual(barsEnds('stock-bars', mark), ['2020-03-05T21:30:00.000Z', '2020-03-06T21:30:00.000Z', '2020-03-09T20:30:00.000Z']);

  run.signals.emit('SIGINT');
  t.is(await run.exit, 130);
});

test.serial('after downtime the newest missed scan runs once at start, and a restart right after runs nothing', async (t) => {
  const fake = fakeClock(t, '2020-03-02T00:30:00Z');
  const store = storePath();
  const first = startRun(fake, store, [CRYPTO]);
  await until(t, () => nextLines(first.out.text).length === 1, 'the first run');
  t.deepEqual(
    scanLines(first.out.text).map((s) => s.at),
    ['2020-03-02 00:01'],
  );
  first.signals.emit('SIGTERM');
  t.is(await first.exit, 143);
  t.false(existsSync(lockPathFor(store)), 'the lock is released');

  // Down for three and a half days: the scans of 3, 4 and 5 March were missed.
  fake.setSystemTime(Date.parse('2020-03-05T12:00:00Z'));
  const mark = server.requests.length;
  const second = startRun(fake, store, [CRYPTO]);
  await until(t, () => nextLines(second.out.text).length === 1, 'the restart');
  t.regex(second.out.text, /last run 2020-03-02 00:01 UTC/);
  t.deepEqual(
    scanLines(second.out.text).map((s) => `${s.at}${s.failed ? ' failed' : ''}`),
    ['2020-03-05 00:01'],
    'one catch-up scan, for the newest missed time',
  );
  t.deepEqual(barsEnds('crypto-bars', mark), ['2020-03-05T00:01:00.000Z']);
  second.signals.emit('SIGINT');
  t.is(await second.exit, 130);

  const third = startRun(fake, store, [CRYPTO]);
  await until(t, () => nextLines(third.out.text).length === 1, 'the second restart');
  t.deepEqual(scanLines(third.out.text), [], 'nothing is due twice');
  t.is(nextLines(third.out.text)[0], 'next scan: daily-crypto at 2020-03-06 00:01 UTC, in 12 h 1 min');
  third.signals.emit('SIGINT');
  t.is(await third.exit, 130);
});

test.serial('a scan that fails on an Alpaca outage is logged and tried again at the next tick, which succeeds', async (t) => {
  const fake = fakeClock(t, '2020-03-02T00:30:00Z');
  const store = storePath();
  const run = startRun(fake, store, [CRYPTO]);
  await until(t, () => nextLines(run.out.text).length === 1, 'the first scan');
  // Every attempt of the next crypto bars request fails (the transport retries 3 times), in each of the scan
  // message's 5 deliveries (the scan fails as transient, so the bus redelivers it, as Pub/Sub would).
  server.inject({ endpoint: 'crypto-bars', kind: 'server-error', times: 4 * 5 });
  await advanceTo(t, fake, run, '2020-03-03T00:01:00Z');
  const failed = scanLines(run.out.text).at(-1);
  t.like(failed, { at: '2020-03-03 00:01', failed: true });
  t.regex(
    failed?.line ?? '',
    /FAILED: the scan-requests message was dead-lettered after 5 attempts: bars of 2 of 2 symbols could not be fetched .*HTTP 500.*20 Alpaca requests.*tried again at the next tick/,
  );
  t.is(nextLines(run.out.text).at(-1), 'next scan: daily-crypto (retry) at 2020-03-03 00:02 UTC, in 1 min');

  await advanceTo(t, fake, run, '2020-03-03T00:02:00Z');
  t.like(scanLines(run.out.text).at(-1), { at: '2020-03-03 00:01', failed: false }, 'the same scheduled scan, now done');
  t.is(nextLines(run.out.text).at(-1), 'next scan: daily-crypto at 2020-03-04 00:01 UTC, in 23 h 59 min');
  run.signals.emit('SIGTERM');
  t.is(await run.exit, 143);
  const ledger = openJobLedger(store, 'dev');
  t.teardown(() => ledger.close());
  t.is(ledger.lastRun('daily-crypto')?.toISOString(), '2020-03-03T00:01:00.000Z');
});

test.serial(
  'SIGTERM during a scan lets that scan finish, starts no other, and exits 143; the next start catches up',
  async (t) => {
    const fake = fakeClock(t, '2020-03-06T12:00:00Z');
    const store = storePath();
    const mark = server.requests.length;
    // The equity scan (due first) waits a second on a 429: the signal arrives while it is in flight.
    server.inject({ endpoint: 'stock-bars', kind: 'rate-limit', retryAfterSeconds: 1 });
    const run = startRun(fake, store, [CRYPTO, NY_CLOSE]);
    await until(
      t,
      () => server.requests.slice(mark).some((r) => r.endpoint === 'stock-bars' && r.status === 429),
      'the rate-limited request',
    );
    run.signals.emit('SIGTERM');
    t.is(await run.exit, 143);
    t.deepEqual(
      scanLines(run.out.text).map((s) => `${s.job} ${s.at}${s.failed ? ' failed' : ''}`),
      ['ny-close 2020-03-05 21:30'],
    );
    t.regex(run.err.text, /SIGTERM: stopping after the scan in flight/);
    t.deepEqual(barsEnds('crypto-bars', mark), [], 'the crypto scan never started');

    const again = startRun(fake, store, [CRYPTO, NY_CLOSE]);
    await until(t, () => nextLines(again.out.text).length === 1, 'the restart');
    t.deepEqual(
      scanLines(again.out.text).map((s) => `${s.job} ${s.at}`),
      ['daily-crypto 2020-03-06 00:01'],
    );
    again.signals.emit('SIGINT');
    t.is(await again.exit, 130);
  },
);

test.serial('--once runs the due scans and exits 0; run again, nothing is due', async (t) => {
  const fake = fakeClock(t, '2020-03-06T12:00:00Z');
  const store = storePath();
  const first = startRun(fake, store, [CRYPTO, NY_CLOSE], ['--once']);
  t.is(await first.exit, 0, first.err.text);
  t.deepEqual(
    scanLines(first.out.text).map((s) => s.job),
    ['ny-close', 'daily-crypto'],
  );
  t.deepEqual(nextLines(first.out.text), []);
  const second = startRun(fake, store, [CRYPTO, NY_CLOSE], ['--once']);
  t.is(await second.exit, 0);
  t.deepEqual(scanLines(second.out.text), []);
  t.regex(second.out.text, /nothing due/);
});

test.serial('--once exits 69 when a scan failed, and leaves it due for the next --once', async (t) => {
  const fake = fakeClock(t, '2020-03-06T12:00:00Z');
  const store = storePath();
  server.inject({ endpoint: 'crypto-bars', kind: 'server-error', times: 4 * 5 });
  const failed = startRun(fake, store, [CRYPTO], ['--once']);
  t.is(await failed.exit, 69);
  t.like(scanLines(failed.out.text)[0], { at: '2020-03-06 00:01', failed: true });
  const retried = startRun(fake, store, [CRYPTO], ['--once']);
  t.is(await retried.exit, 0, retried.out.text);
  t.like(scanLines(retried.out.text)[0], { at: '2020-03-06 00:01', failed: false });
});
