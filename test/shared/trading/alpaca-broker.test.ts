import test from 'ava';
import { createAlpacaBroker } from '../../../shared/trading/alpaca-broker.js';
import { BrokerError } from '../../../shared/trading/broker.port.js';
import type { OrderRequest } from '../../../shared/trading/trading-types.js';
import { createThrottle } from '../../../shared/throttle/throttle.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaServerOptions } from '../../servers/alpaca-server.js';
import type { TradingServerOptions } from '../../servers/alpaca-trading-server.js';
import { KEYS } from '../market-data/alpaca-fixture.js';
import { captureLogger } from '../log/capture.js';

async function setup(trading: TradingServerOptions = {}, extra: Partial<AlpacaServerOptions> = {}) {
  const server = await startAlpacaServer({
    crypto: { 'BTC/USD': [] },
    stocks: { SPY: [] },
    trading: { prices: { 'BTC/USD': 60_000, SPY: 500 }, ...trading },
    ...extra,
  });
  const sleeps: number[] = [];
  const broker = createAlpacaBroker({
    ...KEYS,
    tradingBaseUrl: server.url,
    throttle: createThrottle({ perMinute: 10_000, minSpacingMs: 0 }),
    logger: captureLogger().logger,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { server, broker, sleeps };
}

const buy = (overrides: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: 'cs1-test-entry',
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'market',
  timeInForce: 'gtc',
  qty: 0.05,
  ...overrides,
});

test('account and assets read through the SDK, numbers parsed', async (t) => {
  const { server, broker } = await setup({ cash: 50_000, lastEquity: 51_000 });
  t.teardown(() => server.close());
  t.deepEqual(await broker.account(), {
    equity: 50_000,
    lastEquity: 51_000,
    cash: 50_000,
    buyingPower: 50_000,
    nonMarginableBuyingPower: 50_000,
    tradingBlocked: false,
    accountBlocked: false,
  });
  t.like(await broker.asset('BTC/USD'), {
    assetClass: 'CRYPTO',
    minOrderSize: 0.0001,
    minTradeIncrement: 0.0001,
    priceIncrement: 1,
    tradable: true,
  });
  t.like(await broker.asset('SPY'), { assetClass: 'EQUITY', tradable: true });
  t.is(await broker.asset('NOPE'), null);
  t.true(
    server.requests.every((r) => r.keys),
    'every trading request carries the keys',
  );
});

test('a market order fills; a duplicate client order id (422) is looked up and returned, not sent twice', async (t) => {
  const { server, broker } = await setup();
  t.teardown(() => server.close());
  const first = await broker.submit(buy());
  t.like(first, { status: 'filled', filledQty: 0.05, filledAvgPrice: 60_000, clientOrderId: 'cs1-test-entry' });
  const again = await broker.submit(buy());
  t.is(again.id, first.id);
  const posts = server.requests.filter((r) => r.method === 'POST');
  t.deepEqual(
    posts.map((r) => r.status),
    [200, 422],
  );
  t.is(server.requests.filter((r) => r.path === '/v2/orders:by_client_order_id').length, 1);
  t.is(server.trading.positionQty('BTC/USD'), 0.05);
  t.is(await broker.orderByClientId('unknown'), null, '404 → null');
});

test('brackets carry their legs; a leg is replaced (new id) and canceled', async (t) => {
  const { server, broker } = await setup();
  t.teardown(() => server.close());
  const order = await broker.submit(
    buy({ symbol: 'SPY', qty: 4, orderClass: 'bracket', takeProfit: { limitPrice: 520 }, stopLoss: { stopPrice: 480 } }),
  );
  t.is(order.orderClass, 'bracket');
  t.deepEqual(
    order.legs.map((l) => [l.type, l.limitPrice, l.stopPrice, l.status]),
    [
      ['limit', 520, null, 'new'],
      ['stop', null, 480, 'new'],
    ],
  );
  const body = server.requests.find((r) => r.method === 'POST')?.body;
  t.like(body, { order_class: 'bracket', take_profit: { limit_price: '520' }, stop_loss: { stop_price: '480' }, qty: '4' });
  const stop = order.legs[1];
  const moved = await broker.replace(stop.id, { stopPrice: 500 });
  t.not(moved.id, stop.id);
  t.is(moved.replaces, stop.id);
  t.is(moved.stopPrice, 500);
  t.is(await broker.cancel(moved.id), 'canceled');
  t.is(await broker.cancel(moved.id), 'not-cancelable', '422 when already canceled');
  t.like(await broker.order(moved.id), { status: 'canceled' });
  t.is(await broker.order('00000000-0000-4000-8000-000000000000'), null);
});

test('crypto brackets are refused (422); insufficient buying power is a 403, not retried', async (t) => {
  const { server, broker } = await setup({ cash: 1_000 });
  t.teardown(() => server.close());
  const bracket = await t.throwsAsync(
    broker.submit(buy({ orderClass: 'bracket', takeProfit: { limitPrice: 70_000 }, stopLoss: { stopPrice: 50_000 } })),
  );
  t.true(bracket instanceof BrokerError && bracket.status === 422 && !bracket.retryable);
  const poor = await t.throwsAsync(broker.submit(buy({ clientOrderId: 'cs1-poor' })));
  t.true(poor instanceof BrokerError && poor.status === 403 && !poor.retryable);
  t.regex(poor?.message ?? '', /insufficient buying power/);
  t.is(server.requests.filter((r) => r.method === 'POST').length, 2, 'each POST sent once');
});

test('positions list crypto without the slash; closing one that does not exist is a 404 → null', async (t) => {
  const { server, broker } = await setup();
  t.teardown(() => server.close());
  await broker.submit(buy());
  t.like(await broker.positions(), [{ symbol: 'BTCUSD', assetClass: 'CRYPTO', qty: 0.05, avgEntryPrice: 60_000 }]);
  const closing = await broker.closePosition('BTC/USD', 0.02);
  t.like(closing, { side: 'sell', qty: 0.02, status: 'filled' });
  t.true(
    server.requests.some((r) => r.method === 'DELETE' && r.path === '/v2/positions/BTCUSD' && r.query.get('qty') === '0.02'),
  );
  t.is(server.trading.positionQty('BTC/USD'), 0.03);
  t.is(await broker.closePosition('SPY'), null);
});

test('a partial fill is reported as such, and the rest later', async (t) => {
  const { server, broker } = await setup({ partialFill: { 'BTC/USD': 0.4 } });
  t.teardown(() => server.close());
  const order = await broker.submit(buy({ qty: 0.05 }));
  t.like(order, { status: 'partially_filled', filledQty: 0.02 });
  server.trading.completeFills();
  t.like(await broker.order(order.id), { status: 'filled', filledQty: 0.05 });
});

test('a 429 on a read waits its Retry-After and retries; a 429 on an order POST is not retried blindly', async (t) => {
  const { server, broker, sleeps } = await setup();
  t.teardown(() => server.close());
  server.inject({ endpoint: 'trading', kind: 'rate-limit', retryAfterSeconds: 2 });
  t.like(await broker.account(), { equity: 100_000 });
  t.true(sleeps.length === 1 && sleeps[0] >= 2_000, `waited ${sleeps.join(',')}`);
  server.inject({ endpoint: 'trading', kind: 'rate-limit', retryAfterSeconds: 2 });
  const error = await t.throwsAsync(broker.submit(buy()));
  t.true(error instanceof BrokerError && error.status === 429 && error.retryable);
  t.is(server.requests.filter((r) => r.method === 'POST').length, 1);
  t.is(server.trading.positionQty('BTC/USD'), 0);
});

test('open orders come back nested', async (t) => {
  const { server, broker } = await setup();
  t.teardown(() => server.close());
  await broker.submit(
    buy({ symbol: 'SPY', qty: 2, orderClass: 'bracket', takeProfit: { limitPrice: 520 }, stopLoss: { stopPrice: 480 } }),
  );
  await broker.submit(buy({ clientOrderId: 'cs1-rest', type: 'limit', limitPrice: 50_000, qty: 0.01 }));
  const open = await broker.openOrders();
  t.deepEqual(
    open.map((o) => o.clientOrderId),
    ['cs1-rest'],
  );
  t.true(
    server.requests.some((r) => r.path === '/v2/orders' && r.query.get('nested') === 'true' && r.query.get('status') === 'open'),
  );
});

test('crypto fees: a server that answers every page with the first stops the paging with an error, not a loop', async (t) => {
  const { server, broker } = await setup({ activitiesIgnorePageToken: true });
  t.teardown(() => server.close());
  for (let i = 0; i < 100; i++) server.trading.postCryptoFee('ETH/USD', 0.000001, 1_900, '2022-08-13');
  const error = await t.throwsAsync(() => broker.cryptoFees('2022-08-11T00:00:00Z'), { instanceOf: BrokerError });
  t.regex(error?.message ?? '', /crypto fees: Alpaca answered the activities after .* with the same page/);
  t.is(server.requests.filter((r) => r.path === '/v2/account/activities').length, 2);
});

test('crypto fees: CFEE activities through the SDK, every page, oldest first, after the given time; qty positive, USD = qty × price', async (t) => {
  const { server, broker } = await setup({ positions: { 'ETH/USD': { qty: 2, price: 1_884.5 } } });
  t.teardown(() => server.close());
  server.trading.postCryptoFee('ETH/USD', 0.5, 1_800, '2022-08-10');
  const first = server.trading.postCryptoFee('ETH/USD', 0.000195, 1_884.5, '2022-08-12');
  for (let i = 0; i < 100; i++) server.trading.postCryptoFee('ETH/USD', 0.000001, 1_900, '2022-08-13');
  t.is(server.trading.positionQty('ETH/USD'), Number((2 - 0.5 - 0.000195 - 0.0001).toFixed(9)), 'the coin leaves the position');
  const fees = await broker.cryptoFees('2022-08-11T00:00:00Z');
  t.is(fees.length, 101, 'two pages of at most 100');
  t.deepEqual(fees[0], { id: first.id, symbol: 'ETHUSD', date: '2022-08-12', qty: 0.000195, price: 1_884.5, usd: 0.367478 });
  t.is(new Set(fees.map((f) => f.id)).size, 101, 'no activity twice across the pages');
  const reads = server.requests.filter((r) => r.path === '/v2/account/activities');
  t.is(reads.length, 2);
  t.like(Object.fromEntries(reads[0].query), { activity_types: 'CFEE', direction: 'asc', page_size: '100' });
  t.is(reads[1].query.get('page_token'), fees[99].id);
});
