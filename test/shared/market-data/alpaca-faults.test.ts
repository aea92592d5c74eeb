import test from 'ava';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaFault } from '../../servers/alpaca-server.js';
import { barsOf, bundled, hits, problemOf, sourceFor } from './alpaca-fixture.js';

const crypto = { 'BTC/USD': bundled('BTC/USD'), 'ETH/USD': bundled('ETH/USD'), 'ADA/USD': [] };
// NVDA's bundled bars end in 2014, before the crypto ones begin: the fake serves SPY's bars under a second name.
const stocks = { SPY: bundled('SPY'), NVDA: bundled('SPY') };
const request = {
  symbols: ['BTC/USD', 'ETH/USD', 'SPY', 'NVDA'],
  timeframe: '1Day',
  asOf: new Date('2019-06-03T12:00:00Z'),
  lookbackBars: 200,
} as const;

async function fake(faults: AlpacaFault[] = []) {
  return startAlpacaServer({ crypto, stocks, faults });
}

test("waits as long as a 429's Retry-After asks, then succeeds", async (t) => {
  const server = await fake([{ endpoint: 'crypto-bars', kind: 'rate-limit', retryAfterSeconds: 7 }]);
  t.teardown(() => server.close());
  const { source, sleeps, capture } = sourceFor(server);
  const results = await source.closedBars(request);

  t.deepEqual(sleeps, [7_000], 'the server asked for 7 s, more than the 0.5 s backoff');
  t.is(barsOf(results, 'BTC/USD').length, 200);
  t.deepEqual(
    server.requests.filter((entry) => entry.endpoint === 'crypto-bars').map((entry) => entry.status),
    [429, 200],
  );
  t.like(
    capture.entries().find((entry) => entry.message === 'retrying Alpaca request'),
    { status: 429, delayMs: 7_000, retryAfterMs: 7_000 },
  );
});

test("waits until X-RateLimit-Reset when a 429 has no Retry-After (Alpaca's own form)", async (t) => {
  const nowMs = Date.UTC(2024, 2, 4, 8, 0, 0);
  const server = await fake([{ endpoint: 'stock-bars', kind: 'rate-limit', resetEpochSeconds: nowMs / 1000 + 12 }]);
  t.teardown(() => server.close());
  const { source, sleeps } = sourceFor(server, {
    retry: { now: () => nowMs, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });
  const results = await source.closedBars(request);
  t.deepEqual(sleeps, [12_000]);
  t.is(barsOf(results, 'SPY').length, 200);
});

test("retries a 500 three times with exponential backoff, then reports the class's symbols as problems without throwing", async (t) => {
  const server = await fake([{ endpoint: 'stock-bars', kind: 'server-error', times: 10 }]);
  t.teardown(() => server.close());
  const { source, sleeps } = sourceFor(server);
  const results = await source.closedBars(request);

  t.is(hits(server, 'stock-bars'), 4, 'one attempt and three retries');
  t.deepEqual(sleeps, [500, 1_000, 2_000]);
  t.regex(problemOf(results, 'SPY') ?? '', /stock bars request failed: HTTP 500/);
  t.regex(problemOf(results, 'NVDA') ?? '', /HTTP 500/);
  t.is(barsOf(results, 'BTC/USD').length, 200, 'crypto is unaffected');
  t.is(barsOf(results, 'ETH/USD').length, 200);
});

test('a 500 that heals within the retries costs nothing but the retry', async (t) => {
  const server = await fake([{ endpoint: 'crypto-bars', kind: 'server-error', times: 3 }]);
  t.teardown(() => server.close());
  const { source, sleeps } = sourceFor(server);
  const results = await source.closedBars(request);
  t.is(sleeps.length, 3);
  t.is(barsOf(results, 'ETH/USD').length, 200);
});

test('a malformed body is a problem for that class, not retried, and the scan goes on', async (t) => {
  const server = await fake([{ endpoint: 'crypto-bars', kind: 'malformed' }]);
  t.teardown(() => server.close());
  const { source, sleeps } = sourceFor(server);
  const results = await source.closedBars(request);
  t.regex(problemOf(results, 'BTC/USD') ?? '', /crypto bars request failed: unreadable response body/);
  t.truthy(problemOf(results, 'ETH/USD'));
  t.is(barsOf(results, 'SPY').length, 200);
  t.deepEqual(sleeps, []);
  t.is(hits(server, 'crypto-bars'), 1);
});

test('a listed symbol without data is a problem; the others get their bars', async (t) => {
  const server = await fake();
  t.teardown(() => server.close());
  const { source } = sourceFor(server);
  const results = await source.closedBars({ ...request, symbols: ['ADA/USD', 'BTC/USD', 'SPY'] });
  t.is(problemOf(results, 'ADA/USD'), 'Alpaca returned no 1Day bars for ADA/USD');
  t.is(barsOf(results, 'BTC/USD').length, 200);
  t.is(barsOf(results, 'SPY').length, 200);
});

test('every request, retries included, passes the shared throttle', async (t) => {
  const server = await fake([
    { endpoint: 'crypto-bars', kind: 'rate-limit', retryAfterSeconds: 1 },
    { endpoint: 'stock-bars', kind: 'server-error', times: 2 },
  ]);
  t.teardown(() => server.close());
  const { source, acquire } = sourceFor(server);
  await source.closedBars(request);
  await source.closedBars({ ...request, timeframe: '4Hour' });
  t.true(server.requests.length >= 8);
  t.is(acquire.callCount, server.requests.length);
});

test('an unreachable Alpaca is retried like a 5xx, then every symbol is a problem and the scan still returns', async (t) => {
  const server = await fake();
  const url = server.url;
  await server.close();
  const { source, sleeps, acquire } = sourceFor({ ...server, url });
  const results = await source.closedBars(request);
  t.true(results.every((result) => 'problem' in result));
  t.regex(problemOf(results, 'SPY') ?? '', /stock bars request failed: network error/);
  t.is(acquire.callCount, 5 * 4, 'two asset lists, the equity calendar and two bars requests, four attempts each');
  t.is(sleeps.length, 5 * 3);
});
