import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, usePubSubEmulator } from '../helpers/pubsub-emulator.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pubsubEmulator = usePubSubEmulator();

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh state directory per test: its SQLite file and the outbox beside it. */
function freshStore(): string {
  return join(mkdtempSync(join(tmpdir(), 'sentinel-cli-')), 's.db');
}

/** Runs the real CLI on `store`; `input` is written to its standard input. */
function sentinel(
  store: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST', 'STORE']) delete env[name];
  Object.assign(env, { SQLITE_PATH: store, LOG_LEVEL: 'warn' }, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The 2024-02-09 close decides on the 2024-02-08 BTC/USD bar: a BULLISH_BELT_HOLD signal. */
const SCAN = JSON.stringify({
  schemaVersion: 1,
  timeframe: '1Day',
  universe: 'crypto',
  symbols: ['BTC/USD'],
  asOf: '2024-02-09T00:00:00Z',
});

/** Eighty well-shaped daily bars whose bar 70 has its low above its open: only `validateBars` sees it. */
function brokenMarketBars(): string {
  const bars = Array.from({ length: 80 }, (_, i) => ({
    timestamp: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().replace('.000Z', 'Z'),
    open: 100 + i,
    high: 102 + i,
    low: i === 70 ? 500 : 99 + i,
    close: 101 + i,
    volume: 1000,
  }));
  const payload = {
    schemaVersion: 1,
    requestId: 'manual-broken-bars',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '1Day',
    asOf: '2024-03-21T00:00:00Z',
    bars,
  };
  return JSON.stringify(payload);
}

test('publish on scan-requests runs the pipeline and reports messages, the signal.created event and its notification', async (t) => {
  const run = await sentinel(freshStore(), ['publish', 'scan-requests', SCAN]);
  t.is(run.code, 0, run.stderr);
  // events: the signal, then the simulated broker's entry (submitted, filled) and protective stop (submitted).
  t.regex(run.stdout, /scan-requests\s+1\n\s+market-bars\s+1\n\s+analyses\s+1\n\s+events\s+4\n\s+dead-letters\s+0/);
  t.regex(run.stdout, /Events \(1: signal\.created 1\)/);
  t.regex(run.stdout, /signal\.created\s+BTC\/USD\s+BULLISH_BELT_HOLD 1Day on the 2024-02-08 bar: entry [\d,.]+, stop [\d,.]+/);
  // The signal, then paper trading's simulated entry, its fill and the protective stop (trade events reach Discord).
  t.regex(run.stdout, /Notifications \(4\)\n\s+.*BULLISH BELT HOLD detected on BTC\/USD \(1Day\)\n\s+Entry: \$[\d,.]+/);
  t.regex(run.stdout, /Order buy [\d.]+ BTC\/USD \(simulated\)[\s\S]*Filled: buy [\d.]+ BTC\/USD \(simulated\)[\s\S]*stop_limit/);
  t.regex(run.stdout, /Dead letters: none/);
});

test('status lists the open signal with its levels and a count line; --json prints the same signal', async (t) => {
  const store = freshStore();
  t.is((await sentinel(store, ['publish', 'scan-requests', SCAN])).code, 0);
  const run = await sentinel(store, ['status']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /symbol\s+timeframe\s+pattern\s+bar\s+status\s+entry\s+stop now\s+TP1\s+TP2\s+TP3\s+R so far/);
  t.regex(run.stdout, /BTC\/USD\s+1Day\s+BULLISH_BELT_HOLD\s+2024-02-08\s+WAITING(\s+[\d,.]+){5}\s+\+0\.00R/);
  t.regex(run.stdout, /^1 open signal$/m);

  const json = await sentinel(store, ['status', '--symbol', 'btc/usd', '--json']);
  const parsed = JSON.parse(json.stdout) as { count: number; signals: { symbol: string; pattern: string; status: string }[] };
  t.is(parsed.count, 1);
  t.like(parsed.signals[0], { symbol: 'BTC/USD', pattern: 'BULLISH_BELT_HOLD', status: 'WAITING' });
  t.regex((await sentinel(store, ['status', '--symbol', 'ETH/USD'])).stdout, /No signals for ETH\/USD in the store/);
});

test('publishing the same scan request again creates no events and says the message was already processed', async (t) => {
  const store = freshStore();
  t.is((await sentinel(store, ['publish', 'scan-requests', SCAN])).code, 0);
  const again = await sentinel(store, ['publish', 'scan-requests', SCAN]);
  t.is(again.code, 0, again.stderr);
  t.regex(again.stdout, /events\s+0/);
  t.regex(again.stdout, /Events: none new\. .*already in the store.*idempotent/);
  t.regex(again.stdout, /Notifications: none/);
  t.regex((await sentinel(store, ['status'])).stdout, /^1 open signal$/m);
});

test('a payload with a bad field exits 2 naming the field, and nothing is published or dead-lettered', async (t) => {
  const store = freshStore();
  const bad = SCAN.replace('"1Day"', '"1D"');
  const run = await sentinel(store, ['publish', 'scan-requests', bad]);
  t.is(run.code, 2);
  t.regex(run.stderr, /scan-requests payload does not match its schema; nothing was published/);
  t.regex(run.stderr, /field "timeframe" is invalid: expected one of 1Day\|4Hour\|1Hour, got "1D"/);
  t.is(run.stdout, '');
  t.regex((await sentinel(store, ['dead-letters'])).stdout, /^No dead letters\.$/m);
  t.regex((await sentinel(store, ['status', '--all'])).stdout, /No signals in the store/);
});

test('a payload that is not JSON exits 2 naming the payload', async (t) => {
  const run = await sentinel(freshStore(), ['publish', 'scan-requests', '{"schemaVersion":1,']);
  t.is(run.code, 2);
  t.regex(run.stderr, /field "payload" is not JSON/);
});

test('@file reads the payload from a JSON file', async (t) => {
  const store = freshStore();
  const file = join(store, '..', 'scan.json');
  writeFileSync(file, SCAN);
  const run = await sentinel(store, ['publish', 'scan-requests', `@${file}`]);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /signal\.created\s+BTC\/USD/);
  const missing = await sentinel(store, ['publish', 'scan-requests', '@no-such-file.json']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /cannot read payload file "no-such-file\.json" \(ENOENT\)/);
});

test('- reads the payload from standard input', async (t) => {
  const run = await sentinel(freshStore(), ['publish', 'scan-requests', '-'], { input: SCAN });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /signal\.created\s+BTC\/USD/);
});

test('an unknown topic exits 2 listing the valid topics', async (t) => {
  const run = await sentinel(freshStore(), ['publish', 'scan-request', SCAN]);
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown topic "scan-request" \(topics: scan-requests, market-bars, analyses, events\)/);
});

test('an unknown command exits 2 listing the valid commands', async (t) => {
  const run = await sentinel(freshStore(), ['statuss']);
  t.is(run.code, 2);
  t.regex(
    run.stderr,
    /unknown command "statuss" \(commands: publish, run, status, dead-letters, explain, stack, report, archive, reconcile, positions, orders, secrets, backup, restore, pause, resume, help\)/,
  );
  t.regex(run.stderr, /Usage: npm run sentinel/);
});

test('an unknown option or a bad --limit exits 2 naming the option', async (t) => {
  const store = freshStore();
  const option = await sentinel(store, ['status', '--symbols', 'BTC/USD']);
  t.is(option.code, 2);
  t.regex(option.stderr, /status: Unknown option '--symbols'/);
  const limit = await sentinel(store, ['dead-letters', '--limit', 'ten']);
  t.is(limit.code, 2);
  t.regex(limit.stderr, /--limit "ten" is not a whole number from 1 to 1000/);
});

test('help, --help and no command, and -h or --help after any command, print the usage with exit 0', async (t) => {
  for (const args of [
    ['help'],
    ['--help'],
    [],
    ['publish', '--help'],
    ['status', '-h'],
    ['reconcile', '--help'],
    ['restore', '-h'],
  ]) {
    const run = await sentinel(freshStore(), args);
    t.is(run.code, 0, args.join(' '));
    t.regex(run.stdout, /Usage: npm run sentinel -- <command>/);
    t.regex(run.stdout, /publish <topic> <json \| @file \| ->/);
  }
});

test('market bars breaking the OHLC invariant are dead-lettered, and dead-letters lists the bar field', async (t) => {
  const store = freshStore();
  const run = await sentinel(store, ['publish', 'market-bars', brokenMarketBars()]);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /dead-letters\s+1/);
  t.regex(
    run.stdout,
    /Dead letters \(1\).*\n\s+market-bars → generateSignals\s+field bars\.70\.low: bar 70: field "low" 500 is above/,
  );

  const listed = await sentinel(store, ['dead-letters']);
  t.is(listed.code, 0, listed.stderr);
  t.regex(listed.stdout, /market-bars → generateSignals\s+field bars\.70\.low\s+1 attempt/);
  t.regex(listed.stdout, /error: bar 70: field "low" 500 is above min\(open, close\) = 170/);
  t.regex(listed.stdout, /data: {2}\{"schemaVersion":1,"requestId":"manual-broken-bars".{0,80}…\n/);
  t.regex(listed.stdout, /^1 dead letter, newest first$/m);

  const json = JSON.parse((await sentinel(store, ['dead-letters', '--json'])).stdout) as {
    count: number;
    deadLetters: { topic: string; field: string; attempts: number; data: { requestId: string } }[];
  };
  t.is(json.count, 1);
  t.like(json.deadLetters[0], {
    topic: 'market-bars',
    field: 'bars.70.low',
    attempts: 1,
    data: { requestId: 'manual-broken-bars' },
  });
});

test('dead-letters masks credentials in the data it prints', async (t) => {
  const store = freshStore();
  const leaky = brokenMarketBars().replace('"manual-broken-bars"', '"https://discord.com/api/webhooks/123/abcdefSECRETTOKEN"');
  t.is((await sentinel(store, ['publish', 'market-bars', leaky])).code, 0);
  const listed = await sentinel(store, ['dead-letters']);
  t.notRegex(listed.stdout, /SECRETTOKEN/);
  t.regex(listed.stdout, /webhooks\/123\/\[REDACTED\]/);
  t.notRegex((await sentinel(store, ['dead-letters', '--json'])).stdout, /SECRETTOKEN/);
});

test('with PUBSUB_EMULATOR_HOST set, publish sends the validated message to that emulator and prints its id', async (t) => {
  const { host, pubsub } = await pubsubEmulator();
  const project = pubsub.projectId;
  const [topic] = await pubsub.createTopic('scan-requests');
  const pulled = collect((await topic.createSubscription('cli-pull'))[0]);
  const store = freshStore();
  const env = { PUBSUB_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: project, METADATA_SERVER_DETECTION: 'none' };
  const run = await sentinel(store, ['publish', 'scan-requests', SCAN], { env });
  t.is(run.code, 0, run.stderr);
  const [message] = await pulled.until((messages) => messages.length === 1);
  t.is(run.stdout.match(/message (\S+)/)?.[1], message.id);
  t.regex(run.stdout, new RegExp(`Published on projects/${project}/topics/scan-requests \\(the Pub/Sub emulator at ${host}\\)`));
  t.deepEqual(JSON.parse(message.data.toString('utf8')), JSON.parse(SCAN));
  t.like(message.attributes, { type: 'scan.request', timeframe: '1Day' });
  t.regex((await sentinel(store, ['status', '--all'])).stdout, /No signals in the store/, 'nothing ran on the local bus');
  await pulled.close();

  const missing = await sentinel(store, ['publish', 'analyses', '{"schemaVersion":1}'], { env });
  t.is(missing.code, 2, 'still validated first');
  const noTopic = await sentinel(store, ['publish', 'market-bars', brokenMarketBars()], { env });
  t.is(noTopic.code, 69);
  t.regex(noTopic.stderr, /topic "market-bars" failed: .*nothing was published/);
  t.regex(noTopic.stderr, /npm run sentinel -- stack/);
});

test('a SQLITE_PATH whose folder cannot be made is a configuration error naming it (exit 78), not a crash', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-cli-'));
  writeFileSync(join(dir, 'a-file'), '');
  const run = await sentinel(join(dir, 'a-file', 's.db'), ['status']);
  t.is(run.code, 78, run.stderr);
  t.regex(run.stderr, /SQLITE_PATH: the folder of .*a-file\/s\.db cannot be made \(EEXIST\)/);
  t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
});

test('positions and reconcile with the broker unreachable: a clear error and exit 69, no stack, no key', async (t) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const env = {
    ENABLE_EXECUTION: 'true',
    ALPACA_PAPER_TRADING: 'true',
    ALPACA_TRADING_BASE_URL: `http://127.0.0.1:${port}`,
    ALPACA_API_KEY: 'PKUNREACHABLE0000001',
    ALPACA_SECRET_KEY: 'unreachable-secret-key-0001',
    DISABLE_SECRET_MANAGER: 'true',
    RATE_LIMIT_DELAY: '0',
  };
  for (const command of ['positions', 'reconcile']) {
    const run = await sentinel(freshStore(), [command], { env });
    t.is(run.code, 69, `${command}: ${run.stderr}`);
    t.regex(run.stderr, /^error: the broker failed: .*network error.*; run the command again when it answers$/m, command);
    t.notRegex(run.stderr, /\n\s+at /, `${command}: no stack trace`);
    t.false(run.stderr.includes('unreachable-secret-key-0001'), `${command}: no key`);
  }
});

test('status on an empty store says so', async (t) => {
  const run = await sentinel(freshStore(), ['status']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^No signals in the store \(.*s\.db\)\.$/m);
});

test('after sentinel pause a local publish admits no new signal and sends no order; after resume it does', async (t) => {
  const store = freshStore();
  const paused = await sentinel(store, ['pause', '--reason', 'test']);
  t.is(paused.code, 0, paused.stderr);
  const whilePaused = await sentinel(store, ['publish', 'scan-requests', SCAN]);
  t.is(whilePaused.code, 0, whilePaused.stderr);
  t.regex(whilePaused.stdout, /Events: none/);
  t.regex(whilePaused.stdout, /events\s+0\n/, 'no signal and no trade event');
  const resumed = await sentinel(store, ['resume']);
  t.is(resumed.code, 0, resumed.stderr);
  const again = await sentinel(store, ['publish', 'scan-requests', SCAN]);
  t.regex(again.stdout, /Events \(1: signal\.created 1\)/);
});
