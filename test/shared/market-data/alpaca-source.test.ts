import test from 'ava';
import { closedBars } from '../../../shared/domain/sessions/bar-close.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { KEYS, barsOf, bundled, hits, sourceFor } from './alpaca-fixture.js';

const btc4h = bundled('BTC/USD', '4Hour');
const eth4h = bundled('ETH/USD', '4Hour');

test('reassembles multi-symbol pages exactly: 4-hour BTC/USD and ETH/USD across a next_page_token', async (t) => {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': btc4h, 'ETH/USD': eth4h }, stocks: {} });
  t.teardown(() => server.close());
  const { source } = sourceFor(server);
  const asOf = new Date('2025-10-28T02:00:00Z');
  const results = await source.closedBars({ symbols: ['BTC/USD', 'ETH/USD'], timeframe: '4Hour', asOf, lookbackBars: 6_000 });

  t.deepEqual(barsOf(results, 'BTC/USD'), closedBars(btc4h, '4Hour', 'CRYPTO', asOf).slice(-6_000));
  t.deepEqual(barsOf(results, 'ETH/USD'), closedBars(eth4h, '4Hour', 'CRYPTO', asOf).slice(-6_000));
  const pages = server.requests.filter((request) => request.endpoint === 'crypto-bars');
  t.is(pages.length, 2, "over 10,000 points: two pages, the second asked with the first one's token");
  t.is(pages[0].barCount, 10_000);
  t.is(pages[0].query.get('limit'), '10000');
  t.is(pages[0].query.get('symbols'), 'BTC/USD,ETH/USD', 'one request for both symbols');
  t.truthy(pages[1].query.get('page_token'));
  t.deepEqual(
    results.map((result) => result.symbol),
    ['BTC/USD', 'ETH/USD'],
    'results follow the request',
  );
});

test('returns the newest lookback closed daily bars of real crypto and stocks; the forming bar is dropped', async (t) => {
  const crypto = { 'BTC/USD': bundled('BTC/USD'), 'ETH/USD': bundled('ETH/USD') };
  const stocks = { SPY: bundled('SPY'), NVDA: bundled('NVDA') };
  const server = await startAlpacaServer({ crypto, stocks });
  t.teardown(() => server.close());
  const { source } = sourceFor(server);

  const cryptoAsOf = new Date('2026-03-06T12:00:00Z');
  const cryptoResults = await source.closedBars({
    symbols: ['BTC/USD', 'ETH/USD'],
    timeframe: '1Day',
    asOf: cryptoAsOf,
    lookbackBars: 365,
  });
  const btc = barsOf(cryptoResults, 'BTC/USD');
  t.is(btc.length, 365);
  t.is(btc.at(-1)?.timestamp, '2026-03-05T00:00:00Z', 'the 2026-03-06 bar is still forming at noon and is left out');
  t.deepEqual(btc, crypto['BTC/USD'].slice(-366, -1));
  t.deepEqual(barsOf(cryptoResults, 'ETH/USD'), closedBars(crypto['ETH/USD'], '1Day', 'CRYPTO', cryptoAsOf).slice(-365));

  const stockAsOf = new Date('2014-12-31T20:59:00Z');
  const stockResults = await source.closedBars({
    symbols: ['SPY', 'NVDA'],
    timeframe: '1Day',
    asOf: stockAsOf,
    lookbackBars: 365,
  });
  for (const symbol of ['SPY', 'NVDA'] as const) {
    t.deepEqual(
      barsOf(stockResults, symbol),
      closedBars(stocks[symbol], '1Day', 'EQUITY', stockAsOf).slice(-365),
      `${symbol}: 365 trading days`,
    );
  }
  t.is(
    barsOf(stockResults, 'NVDA').at(-1)?.timestamp,
    '2014-12-30T00:00:00Z',
    'the 2014-12-31 session closes at 16:00 New York (21:00Z)',
  );
});

test('asks stocks with the feed, split adjustment and keys; crypto with loc us and no keys', async (t) => {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: { SPY: bundled('SPY') } });
  t.teardown(() => server.close());
  const { source, capture } = sourceFor(server, { feed: 'sip' });
  await source.closedBars({
    symbols: ['BTC/USD', 'SPY'],
    timeframe: '1Day',
    asOf: new Date('2020-08-20T00:00:00Z'),
    lookbackBars: 365,
  });

  const [stock] = server.requests.filter((request) => request.endpoint === 'stock-bars');
  t.is(stock.query.get('feed'), 'sip');
  t.is(stock.query.get('adjustment'), 'split');
  t.true(stock.keys);
  t.true(server.requests.filter((request) => request.endpoint === 'assets').every((request) => request.keys));
  t.false(server.requests.find((request) => request.endpoint === 'crypto-bars')?.keys, 'crypto data is asked without keys');
  t.is(hits(server, 'assets'), 2, 'one asset list per class');
  t.false(capture.text().includes(KEYS.secretKey) || capture.text().includes(KEYS.keyId), 'no key in any log line');
});

test('asks Alpaca for enough history: 365 closed daily bars of a stock need ~530 calendar days', async (t) => {
  const server = await startAlpacaServer({ crypto: {}, stocks: { SPY: bundled('SPY') } });
  t.teardown(() => server.close());
  const { source } = sourceFor(server);
  const asOf = new Date('2019-01-02T21:00:00Z');
  const results = await source.closedBars({ symbols: ['SPY'], timeframe: '1Day', asOf, lookbackBars: 365 });
  t.is(barsOf(results, 'SPY').length, 365);
  const start = Date.parse(server.requests.find((request) => request.endpoint === 'stock-bars')?.query.get('start') ?? '');
  const days = (asOf.getTime() - start) / 86_400_000;
  t.true(days >= 530 && days <= 560, `start ${days} days back`);
});
