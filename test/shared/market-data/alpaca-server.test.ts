import test from 'ava';
import { z } from 'zod';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { KEYS, bundled } from './alpaca-fixture.js';

const Page = z.object({
  bars: z.record(z.string(), z.array(z.object({ t: z.string() }))),
  next_page_token: z.string().nullable(),
});
const keys = { 'APCA-API-KEY-ID': KEYS.keyId, 'APCA-API-SECRET-KEY': KEYS.secretKey };

test('the fake speaks Alpaca: 401 without keys on stock and trading routes, crypto open, 400 bodies with a message', async (t) => {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: { SPY: bundled('SPY') } });
  t.teardown(() => server.close());
  const stockUrl = `${server.url}/v2/stocks/bars?symbols=SPY&timeframe=1Day&start=2020-01-01`;
  const unauthorized = await fetch(stockUrl);
  t.is(unauthorized.status, 401);
  t.deepEqual(await unauthorized.json(), { code: 40110000, message: 'request is not authorized' });
  t.is((await fetch(`${server.url}/v2/assets`)).status, 401);

  const stocks = await fetch(stockUrl, { headers: keys });
  t.is(stocks.status, 200);
  t.truthy(stocks.headers.get('x-ratelimit-limit'));
  const body: unknown = await stocks.json();
  t.like(body, { next_page_token: null, currency: 'USD' });

  const crypto = await fetch(`${server.url}/v1beta3/crypto/us/bars?symbols=BTCUSD&timeframe=1Day`);
  t.is(crypto.status, 400);
  t.deepEqual(await crypto.json(), { message: 'invalid symbol: BTCUSD does not match ^[A-Z]+/[A-Z]+$' });
  const big = await fetch(`${server.url}/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=151Min`);
  t.is(big.status, 400);
  t.deepEqual(
    server.requests.map((request) => [request.endpoint, request.status, request.keys]),
    [
      ['stock-bars', 401, false],
      ['assets', 401, false],
      ['stock-bars', 200, true],
      ['crypto-bars', 400, false],
      ['crypto-bars', 400, false],
    ],
  );
});

test('the fake pages by symbol then time, limit counting all symbols, and the default limit is 1000', async (t) => {
  const server = await startAlpacaServer({
    crypto: { 'BTC/USD': bundled('BTC/USD'), 'ETH/USD': bundled('ETH/USD') },
    stocks: {},
  });
  t.teardown(() => server.close());
  const base = `${server.url}/v1beta3/crypto/us/bars?symbols=ETH/USD,BTC/USD&timeframe=1Day&start=2025-01-01&end=2025-12-31T00:00:00Z`;
  const seen: Record<string, string[]> = {};
  let token: string | null = null;
  let pages = 0;
  do {
    const response = await fetch(
      token === null ? `${base}&limit=300` : `${base}&limit=300&page_token=${encodeURIComponent(token)}`,
    );
    const page = Page.parse(await response.json());
    for (const [symbol, bars] of Object.entries(page.bars)) (seen[symbol] ??= []).push(...bars.map((bar) => bar.t));
    token = page.next_page_token;
    pages += 1;
  } while (token !== null);
  t.is(pages, 3, '730 points at 300 a page');
  t.deepEqual(Object.keys(seen), ['BTC/USD', 'ETH/USD'], 'symbols in order');
  t.is(seen['BTC/USD'].length, 365);
  t.is(seen['BTC/USD'][0], '2025-01-01T00:00:00Z');
  t.is(seen['ETH/USD'].at(-1), '2025-12-31T00:00:00Z', 'end is inclusive');
  const defaults = Page.parse(await (await fetch(base.replace('start=2025-01-01', 'start=2023-01-01'))).json());
  t.is(Object.values(defaults.bars).flat().length, 1_000, 'without limit: 1000 points a page');
  t.not(defaults.next_page_token, null);
});
