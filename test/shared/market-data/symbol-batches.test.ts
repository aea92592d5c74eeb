import test from 'ava';
import type { Bar } from '../../../shared/domain/bar.js';
import { encodedSymbolsLength, MAX_SYMBOLS_QUERY_CHARS, splitForUrl } from '../../../shared/market-data/symbol-batches.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { barsOf, letters, sourceFor, syntheticDaily } from './alpaca-fixture.js';

const tickers = (n: number) => Array.from({ length: n }, (_, i) => `Q${letters(i)}Z`);

test('a symbol list is split, in order, into the fewest runs whose encoded symbols fit the bound', (t) => {
  const symbols = [...tickers(900), ...Array.from({ length: 300 }, (_, i) => `P${letters(i)}/USD`)];
  const runs = splitForUrl(symbols, 1_000);
  t.deepEqual(runs.flat(), symbols, 'nothing lost, nothing reordered');
  t.true(runs.every((run) => encodedSymbolsLength(run) <= 1_000));
  for (let i = 0; i + 1 < runs.length; i++)
    t.true(encodedSymbolsLength([...runs[i], runs[i + 1][0]]) > 1_000, `run ${i} could not take one more symbol`);
  t.deepEqual(splitForUrl(['BTC/USD'], 3), [['BTC/USD']], 'a symbol longer than the bound still gets its run');
  t.deepEqual(splitForUrl([]), []);
  t.is(splitForUrl(tickers(200)).length, 1, 'a 200-symbol shard is one request');
});

test('a scan of more symbols than one URL holds asks Alpaca in several requests, each URL within the bound, and loses no symbol', async (t) => {
  const asOf = new Date('2024-03-05T15:00:00Z');
  const symbols = tickers(1_600);
  const stocks: Record<string, Bar[]> = Object.fromEntries(
    symbols.map((symbol, i) => [symbol, syntheticDaily(i % 50, asOf, 40, true)]),
  );
  const server = await startAlpacaServer({ crypto: {}, stocks });
  t.teardown(() => server.close());
  const { source } = sourceFor(server);
  const results = await source.closedBars({ symbols, timeframe: '1Day', asOf, lookbackBars: 20 });

  const requests = server.requests.filter((request) => request.endpoint === 'stock-bars');
  // The first page of each chain (later pages repeat its symbols with a page token).
  const firstPages = requests.filter((request) => !request.query.has('page_token'));
  const asked = firstPages.map((request) => (request.query.get('symbols') ?? '').split(','));
  t.is(firstPages.length, Math.ceil(encodedSymbolsLength(symbols) / MAX_SYMBOLS_QUERY_CHARS));
  t.true(asked.every((run) => encodedSymbolsLength(run) <= MAX_SYMBOLS_QUERY_CHARS));
  t.true(requests.every((request) => `${request.path}?${request.query.toString()}`.length < 8 * 1024));
  t.deepEqual(asked.flat().toSorted(), symbols.toSorted());
  t.deepEqual(
    barsOf(results, symbols[1_599]),
    stocks[symbols[1_599]].filter((bar) => Date.parse(bar.timestamp) < Date.parse('2024-03-05T05:00:00Z')).slice(-20),
  );
});
