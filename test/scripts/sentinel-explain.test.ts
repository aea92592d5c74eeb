import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `sentinel explain …` on the bundled data, with a throw-away store. */
function explain(args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST', 'STORE', 'ALPACA_API_KEY', 'ALPACA_SECRET_KEY'])
    delete env[name];
  const store = join(mkdtempSync(join(tmpdir(), 'sentinel-explain-')), 's.db');
  Object.assign(env, { SQLITE_PATH: store, LOG_LEVEL: 'warn', MARKET_DATA_SOURCE: 'replay' });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', 'explain', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Explained {
  lastClosedBar: { timestamp: string; closesAt: string };
  patterns: string[];
  decision: string;
  indicators: Record<string, number>;
  gates: { gate: string; passed: boolean }[];
  conviction: { tier: string } | null;
  candidate: { pattern: string; signalId: string; stop: number; entry: number } | null;
  rejection: { reasons: string[] } | null;
}

function lastJson(run: Run): Explained {
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Explained;
}

test.serial(
  'explain --json: the BTC/USD candidate decided at the 2024-02-09 close, with its bar, patterns, gates and levels',
  async (t) => {
    const run = await explain(['BTC/USD', '--at', '2024-02-09T00:00:00Z', '--json']);
    t.is(run.code, 0, run.stderr);
    const e = lastJson(run);
    t.deepEqual(e.lastClosedBar.timestamp, '2024-02-08T00:00:00Z');
    t.is(e.lastClosedBar.closesAt, '2024-02-09T00:00:00Z');
    t.is(e.decision, 'CANDIDATE');
    t.deepEqual(e.patterns, ['BULLISH_BELT_HOLD']);
    t.is(e.candidate?.signalId, '0bfd1e53-0ed6-5c5b-a51f-71a75acb1c7f', 'the id the pipeline stores');
    t.true(e.gates.length === 3 && e.gates.every((gate) => gate.passed));
    t.is(e.conviction?.tier, 'STANDARD');
    t.true((e.candidate?.stop ?? Infinity) < (e.candidate?.entry ?? 0));
    t.true(Number.isFinite(e.indicators.rsi14));
  },
);

test.serial('explain: an equity bar is not closed before 16:00 New York, and is at the close', async (t) => {
  const before = lastJson(await explain(['SPY', '--at', '2020-03-10T19:59:59Z', '--json']));
  t.is(before.lastClosedBar.timestamp, '2020-03-09T00:00:00Z');
  const at = await explain(['SPY', '--at', '2020-03-10T20:00:00Z', '--json']);
  const e = lastJson(at);
  t.deepEqual(e.lastClosedBar, { ...e.lastClosedBar, timestamp: '2020-03-10T00:00:00Z', closesAt: '2020-03-10T20:00:00Z' });
  t.true(e.patterns.includes('INVERTED_HAMMER'));
  t.is(e.decision, 'REJECTED');
  t.deepEqual(e.rejection?.reasons, ['VALIDATION_FAILED: R:R 1.1 < 1.5']);
  t.false(e.gates.find((gate) => gate.gate === 'R:R')?.passed);
});

test.serial('explain without --json prints the bar, the patterns, each gate and the decision', async (t) => {
  const run = await explain(['SPY', '--at', '2020-03-10T20:00:00Z']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /last closed bar {2}2020-03-10T00:00:00Z, closed 2020-03-10T20:00:00Z/);
  t.regex(run.stdout, /patterns {9}INVERTED_HAMMER/);
  t.regex(run.stdout, /gate R:R +1\.13 ≥ 1\.5: FAILED/);
  t.regex(run.stdout, /decision {9}REJECTED INVERTED_HAMMER/);
});

const refused: readonly [string, readonly string[], RegExp][] = [
  ['an unknown symbol', ['XYZ', '--at', '2020-03-10T20:00:00Z'], /XYZ: no bundled 1Day data for XYZ/],
  [
    'a time after the data',
    ['SPY', '--at', '2024-03-10T21:00:00Z'],
    /--at 2024-03-10T21:00:00.000Z is after the 1Day data of SPY/,
  ],
  ['a time before the data', ['SPY', '--at', '1990-01-01T00:00:00Z'], /no 1Day bar of SPY closed by 1990-01-01/],
  [
    'a time too early to decide',
    ['BTC/USD', '--at', '2016-02-01T00:00:00Z'],
    /--at 2016-02-01T00:00:00.000Z is too early in the 1Day data of BTC\/USD: need at least 60 bars/,
  ],
  ['a time that is not ISO', ['SPY', '--at', 'yesterday'], /--at "yesterday" is not an ISO-8601 UTC time/],
  [
    'a day that does not exist',
    ['BTC/USD', '--at', '2024-02-31T00:00:00Z'],
    /--at "2024-02-31T00:00:00Z" is not an ISO-8601 UTC time/,
  ],
  ['no --at', ['SPY'], /--at <ISO time> is required/],
  [
    'a bad timeframe',
    ['SPY', '--at', '2020-03-10T20:00:00Z', '--timeframe', '1Week'],
    /--timeframe "1Week" is not one of 1Day, 4Hour, 1Hour/,
  ],
  ['an unknown option', ['SPY', '--at', '2020-03-10T20:00:00Z', '--bogus'], /explain: Unknown option '--bogus'/],
];

for (const [what, args, message] of refused) {
  test.serial(`explain refuses ${what}: exit 2 and an error naming it`, async (t) => {
    const run = await explain(args);
    t.is(run.code, 2);
    t.regex(run.stderr, message);
    t.is(run.stdout, '');
  });
}
