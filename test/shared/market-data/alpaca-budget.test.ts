import test from 'ava';
import { performance } from 'node:perf_hooks';
import type { Bar } from '../../../shared/domain/bar.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaEndpoint, AlpacaServer } from '../../servers/alpaca-server.js';
import { barsOf, hits, letters, sourceFor, syntheticDaily } from './alpaca-fixture.js';

const DAY_MS = 86_400_000;
const PER_CLASS = 250;
const LOOKBACK = 365;
const firstAsOf = new Date('2024-03-04T15:00:00Z');
const nextAsOf = new Date(firstAsOf.getTime() + DAY_MS);

// 500 symbols, ~600 days of daily bars each, up to the bar still forming at the second scan.
const crypto: Record<string, Bar[]> = {};
const stocks: Record<string, Bar[]> = {};
for (let i = 0; i < PER_CLASS; i++) {
  crypto[`C${letters(i)}/USD`] = syntheticDaily(i, nextAsOf, 600, false);
  stocks[`S${letters(i)}`] = syntheticDaily(i, nextAsOf, 850, true);
}
const symbols = [...Object.keys(crypto), ...Object.keys(stocks)];

function served(server: AlpacaServer, endpoint: AlpacaEndpoint, from = 0) {
  const requests = server.requests.slice(from).filter((request) => request.endpoint === endpoint);
  return { requests: requests.length, bars: requests.reduce((sum, request) => sum + request.barCount, 0) };
}

/** The newest `LOOKBACK` bars of a series closed by `asOf`. */
function expected(series: readonly Bar[], asOf: Date): Bar[] {
  const closed = series.filter((bar) => Date.parse(bar.timestamp) + DAY_MS <= asOf.getTime());
  return closed.slice(-LOOKBACK);
}

test('500 symbols: a first scan costs ceil(bars / 10,000) + 1 requests per class; a warm scan a day later one data request per class', async (t) => {
  const server = await startAlpacaServer({ crypto, stocks });
  t.teardown(() => server.close());
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());

  const first = sourceFor(server, { ledger: store, now: () => firstAsOf });
  let started = performance.now();
  const cold = await first.source.closedBars({ symbols, timeframe: '1Day', asOf: firstAsOf, lookbackBars: LOOKBACK });
  const coldMs = performance.now() - started;

  for (const symbol of ['CAAA/USD', `C${letters(PER_CLASS - 1)}/USD`])
    t.deepEqual(barsOf(cold, symbol), expected(crypto[symbol], firstAsOf));
  for (const symbol of ['SAAA', `S${letters(PER_CLASS - 1)}`])
    t.deepEqual(barsOf(cold, symbol), expected(stocks[symbol], firstAsOf));
  t.true(
    cold.every((result) => 'bars' in result && result.bars.length === LOOKBACK),
    'every symbol has 365 closed bars',
  );
  const coldCrypto = served(server, 'crypto-bars');
  const coldStocks = served(server, 'stock-bars');
  t.true(
    coldCrypto.requests + 1 <= Math.ceil(coldCrypto.bars / 10_000) + 1,
    `crypto: ${coldCrypto.requests} data requests for ${coldCrypto.bars} bars`,
  );
  t.true(
    coldStocks.requests + 1 <= Math.ceil(coldStocks.bars / 10_000) + 1,
    `stocks: ${coldStocks.requests} data requests for ${coldStocks.bars} bars`,
  );
  t.is(hits(server, 'assets'), 2, 'one asset list per class');
  t.true(
    coldCrypto.requests <= Math.ceil((PER_CLASS * LOOKBACK * 1.1) / 10_000),
    'the lookback margin stays near 365 bars a symbol',
  );

  // A day later, a new instance (cold asset cache) with the warm ledger; Alpaca has revised yesterday's bar of one symbol.
  const revised = crypto['CAAA/USD'];
  const last = revised.length - 2;
  revised[last] = { ...revised[last], close: revised[last].close + 3 };
  const mark = server.requests.length;
  const second = sourceFor(server, { ledger: store, now: () => nextAsOf });
  started = performance.now();
  const warm = await second.source.closedBars({ symbols, timeframe: '1Day', asOf: nextAsOf, lookbackBars: LOOKBACK });
  const warmMs = performance.now() - started;

  for (const symbol of ['CAAA/USD', 'CAAB/USD']) t.deepEqual(barsOf(warm, symbol), expected(crypto[symbol], nextAsOf));
  for (const symbol of ['SAAA', 'SAAB']) t.deepEqual(barsOf(warm, symbol), expected(stocks[symbol], nextAsOf));
  t.is(barsOf(warm, 'CAAA/USD').at(-1)?.close, revised[last].close, 'the overlap picked up the revision');
  const warmCrypto = served(server, 'crypto-bars', mark);
  const warmStocks = served(server, 'stock-bars', mark);
  t.true(
    warmCrypto.requests <= 2 && warmStocks.requests <= 2,
    `warm: ${warmCrypto.requests} crypto, ${warmStocks.requests} stock data requests`,
  );
  t.true(warm.every((result) => 'bars' in result && result.bars.length === LOOKBACK));

  t.log(
    `first scan: crypto ${coldCrypto.requests} data requests / ${coldCrypto.bars} bars, stocks ${coldStocks.requests} / ${coldStocks.bars}, +2 asset lists; ${coldMs.toFixed(0)} ms`,
  );
  t.log(
    `warm scan:  crypto ${warmCrypto.requests} data requests / ${warmCrypto.bars} bars, stocks ${warmStocks.requests} / ${warmStocks.bars}, +2 asset lists; ${warmMs.toFixed(0)} ms`,
  );
});
