import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bar } from '../../shared/domain/bar.js';
import { startAlpacaServer } from '../servers/alpaca-server.js';
import type { AlpacaEndpoint, AlpacaServer } from '../servers/alpaca-server.js';
import { KEYS, letters, syntheticDaily } from '../shared/market-data/alpaca-fixture.js';

// A local `sentinel publish scan-requests` reads its bars where MARKET_DATA_SOURCE and the keys say: here the local
// Alpaca server, for 500 symbols (60 crypto pairs, 440 equities, 365 daily bars each).

const root = fileURLToPath(new URL('../../', import.meta.url));
const LAST_OPEN = new Date('2024-03-04T00:00:00Z');
const AS_OF = '2024-03-05T06:00:00Z';
const BARS_PER_SYMBOL = 365;

const crypto: Record<string, Bar[]> = {};
const stocks: Record<string, Bar[]> = {};
for (let i = 0; i < 60; i++) crypto[`C${letters(i)}/USD`] = syntheticDaily(i, LAST_OPEN, BARS_PER_SYMBOL, false);
for (let i = 0; i < 440; i++) stocks[`S${letters(i)}`] = syntheticDaily(i, LAST_OPEN, 600, true).slice(-BARS_PER_SYMBOL);
const SCAN = JSON.stringify({
  schemaVersion: 1,
  timeframe: '1Day',
  universe: 'all',
  symbols: [...Object.keys(crypto), ...Object.keys(stocks)],
  asOf: AS_OF,
  requestId: 'budget-500',
});

/** `sentinel publish scan-requests -` with `payload` on standard input, without Alpaca keys unless `env` brings them. */
function publish(
  store: string,
  env: Record<string, string>,
  payload = SCAN,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'GOOGLE_CLOUD_PROJECT',
    'PUBSUB_EMULATOR_HOST',
    'STORE',
    'MARKET_DATA_SOURCE',
    'ALPACA_API_KEY',
    'ALPACA_SECRET_KEY',
  ])
    delete childEnv[name];
  Object.assign(childEnv, { SQLITE_PATH: store, LOG_LEVEL: 'error' }, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', 'publish', 'scan-requests', '-'], {
      cwd: root,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(payload);
  });
}

function served(server: AlpacaServer, endpoint: AlpacaEndpoint, from: number) {
  const requests = server.requests.slice(from).filter((request) => request.endpoint === endpoint);
  return { requests: requests.length, bars: requests.reduce((sum, request) => sum + request.barCount, 0) };
}

test('500 symbols through a local publish: ceil(bars / 10,000) + 1 bar requests per class at most; the same scan again at most 2', async (t) => {
  t.timeout(600_000, 'two CLI runs analysing 500 symbols; slow on a busy machine');
  const server = await startAlpacaServer({ crypto, stocks });
  t.teardown(() => server.close());
  const store = join(mkdtempSync(join(tmpdir(), 'sentinel-publish-alpaca-')), 's.db');
  const env = {
    ALPACA_API_KEY: KEYS.keyId,
    ALPACA_SECRET_KEY: KEYS.secretKey,
    ALPACA_DATA_BASE_URL: server.url,
    ALPACA_TRADING_BASE_URL: server.url,
    RATE_LIMIT_DELAY: '0',
    // One invocation for all 500, as the bounds below assume (sharded scans: test/functions/fetch-market-data/shards.test.ts).
    SCAN_SHARD_SIZE: '500',
  };

  const first = await publish(store, env);
  t.is(first.code, 0, first.stderr);
  t.notRegex(first.stderr, /replaying the bundled/);
  t.regex(first.stdout, /market-bars\s+500\n\s+analyses\s+500\n/);
  const coldCrypto = served(server, 'crypto-bars', 0);
  const coldStocks = served(server, 'stock-bars', 0);
  t.is(coldCrypto.bars, 60 * BARS_PER_SYMBOL, 'every crypto bar came from the server');
  t.is(coldStocks.bars, 440 * BARS_PER_SYMBOL, 'every stock bar came from the server');
  t.true(
    coldCrypto.requests <= Math.ceil(coldCrypto.bars / 10_000) + 1,
    `crypto: ${coldCrypto.requests} requests for ${coldCrypto.bars} bars`,
  );
  t.true(
    coldStocks.requests <= Math.ceil(coldStocks.bars / 10_000) + 1,
    `stocks: ${coldStocks.requests} requests for ${coldStocks.bars} bars`,
  );

  const mark = server.requests.length;
  const again = await publish(store, env);
  t.is(again.code, 0, again.stderr);
  t.regex(again.stdout, /market-bars\s+500\n\s+analyses\s+500\n/, 'the warm scan still hands 500 symbols on');
  const warm = served(server, 'crypto-bars', mark).requests + served(server, 'stock-bars', mark).requests;
  t.true(warm <= 2, `the same scan again: ${warm} bar requests`);
  t.log(
    `cold: crypto ${coldCrypto.requests} requests / ${coldCrypto.bars} bars, stocks ${coldStocks.requests} / ${coldStocks.bars}; warm: ${warm} bar requests`,
  );
});

test('without Alpaca keys a local publish replays the bundled data and says so', async (t) => {
  t.timeout(240_000, 'a CLI run; slow on a busy machine');
  const store = join(mkdtempSync(join(tmpdir(), 'sentinel-publish-replay-')), 's.db');
  const scan = JSON.stringify({
    schemaVersion: 1,
    timeframe: '1Day',
    universe: 'crypto',
    symbols: ['BTC/USD'],
    asOf: '2024-02-09T00:00:00Z',
  });
  const run = await publish(store, {}, scan);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /market data: replaying the bundled CSV bars in data\//);
});
