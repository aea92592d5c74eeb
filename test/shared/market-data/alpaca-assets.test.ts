import test from 'ava';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { barsOf, bundled, hits, problemOf, sourceFor } from './alpaca-fixture.js';

const btc = bundled('BTC/USD');
const eth = bundled('ETH/USD');
const spy = bundled('SPY');
const request = { timeframe: '1Day', asOf: new Date('2020-08-20T00:00:00Z'), lookbackBars: 100 } as const;

async function fakeWithAssets() {
  return startAlpacaServer({
    crypto: { 'BTC/USD': btc, 'ETH/USD': eth, 'DOGE/USD': btc, 'SHIB/USD': eth },
    stocks: { SPY: spy, LEHM: spy, HALT: spy },
    assets: [
      { symbol: 'DOGE/USD', status: 'inactive' },
      { symbol: 'SHIB/USD', tradable: false },
      { symbol: 'LEHM', status: 'inactive', tradable: false },
      { symbol: 'HALT', tradable: false },
    ],
  });
}

test("keeps active tradable assets under Alpaca's spelling; inactive, untradable and unknown symbols are problems", async (t) => {
  const server = await fakeWithAssets();
  t.teardown(() => server.close());
  const { source } = sourceFor(server);
  const symbols = ['BTCUSD', 'eth/usd', 'DOGE/USD', 'SHIB/USD', 'XYZ/USD', 'SPY', 'LEHM', 'HALT', 'NOPE'];
  const results = await source.closedBars({ symbols, ...request });

  t.deepEqual(
    results.map((result) => result.symbol),
    ['BTC/USD', 'ETH/USD', 'DOGE/USD', 'SHIB/USD', 'XYZ/USD', 'SPY', 'LEHM', 'HALT', 'NOPE'],
    "one result per requested symbol, in order, kept ones in Alpaca's spelling",
  );
  t.is(barsOf(results, 'BTC/USD').length, 100, 'BTCUSD was found among the crypto assets');
  t.like(results[0], { assetClass: 'CRYPTO' });
  t.is(barsOf(results, 'ETH/USD').length, 100);
  t.is(barsOf(results, 'SPY').length, 100);
  t.is(problemOf(results, 'DOGE/USD'), '"DOGE/USD" (DOGE/USD) is inactive on Alpaca');
  t.is(problemOf(results, 'SHIB/USD'), '"SHIB/USD" (SHIB/USD) is not tradable on Alpaca');
  t.is(problemOf(results, 'XYZ/USD'), '"XYZ/USD" is not an Alpaca asset');
  t.is(problemOf(results, 'LEHM'), '"LEHM" (LEHM) is inactive on Alpaca');
  t.is(problemOf(results, 'HALT'), '"HALT" (HALT) is not tradable on Alpaca');
  t.is(problemOf(results, 'NOPE'), '"NOPE" is not an Alpaca asset');

  const [crypto] = server.requests.filter((entry) => entry.endpoint === 'crypto-bars');
  t.is(crypto.query.get('symbols'), 'BTC/USD,ETH/USD', 'only valid symbols are asked for');
});

test('loads each asset list once per instance, and again on a later scan only if it failed', async (t) => {
  const server = await fakeWithAssets();
  t.teardown(() => server.close());
  const { source, capture } = sourceFor(server, { retry: { retries: 0, sleep: async () => undefined } });
  server.inject({ endpoint: 'assets', kind: 'server-error' });

  const first = await source.closedBars({ symbols: ['SPY', 'NOPE', 'BTC/USD'], ...request });
  t.is(barsOf(first, 'SPY').length, 100, 'with the equity list down, SPY is kept as written (fail open)');
  t.truthy(problemOf(first, 'NOPE'), 'NOPE is then asked for and Alpaca returns nothing for it');
  t.is(barsOf(first, 'BTC/USD').length, 100);
  t.is(capture.entries().filter((entry) => entry.message === 'Alpaca asset list unavailable: symbols kept as written').length, 1);

  await source.closedBars({ symbols: ['SPY', 'NOPE', 'BTC/USD', 'ETHUSD'], ...request });
  await source.closedBars({ symbols: ['SPY', 'ETH/USD'], ...request });
  t.is(hits(server, 'assets'), 3, 'equities: failed, then loaded once; crypto: loaded once');
});
