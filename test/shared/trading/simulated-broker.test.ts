import test from 'ava';
import { createReplaySource } from '../../../shared/market-data/replay-source.js';
import { openSqliteTradeStore } from '../../../shared/store/sqlite-trade-store.js';
import { sourcePrices } from '../../../shared/trading/execution-setup.js';
import { recordOrder } from '../../../shared/trading/order-book.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { createSimulatedBroker } from '../../../shared/trading/simulated-broker.js';

const options = (store: ReturnType<typeof openSqliteTradeStore>) => ({
  store,
  startingEquityUsd: 100_000,
  feeBps: { CRYPTO: 10, EQUITY: 1 },
  slippageBps: 5,
  now: () => new Date('2024-03-04T12:00:00Z'),
});

test('market orders fill at the reference price moved by the slippage against us, minus the fee; the book continues from the store', async (t) => {
  const store = openSqliteTradeStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const broker = createSimulatedBroker(options(store));
  const bus = new InProcessBus();
  const meta = { signalId: '0f3c5e1a-8a0b-5b7e-9a57-3f1f6c1d2e4a', assetClass: 'CRYPTO' as const, leg: 'all' as const };
  const buy = await broker.submit({
    clientOrderId: 'cs1-buy',
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'market',
    timeInForce: 'gtc',
    qty: 0.1,
    referencePrice: 62_000,
  });
  t.like(buy, { status: 'filled', filledQty: 0.1, filledAvgPrice: 62_031, fees: 6.2031 });
  await recordOrder(
    { trades: store, bus, broker },
    buy,
    { ...meta, action: 'entry', plannedPrice: 62_000 },
    '2024-03-04T12:00:00.000Z',
  );
  const sell = await broker.submit({
    clientOrderId: 'cs1-sell',
    symbol: 'BTC/USD',
    side: 'sell',
    type: 'market',
    timeInForce: 'gtc',
    qty: 0.1,
    referencePrice: 60_500,
  });
  t.like(sell, { filledAvgPrice: 60_469.75, fees: 6.046975 });
  await recordOrder(
    { trades: store, bus, broker },
    sell,
    { ...meta, action: 'close', plannedPrice: 60_500 },
    '2024-03-04T13:00:00.000Z',
  );
  const cash = 100_000 - 6_203.1 - 6.2031 + 6_046.975 - 6.046975;
  t.is((await broker.account()).cash, Number(cash.toFixed(6)));
  t.deepEqual(await broker.positions(), []);

  const later = createSimulatedBroker(options(store));
  t.is((await later.account()).cash, Number(cash.toFixed(6)), 'a later run rebuilds the same account from the store');
  t.like(await later.orderByClientId('cs1-buy'), { status: 'filled', filledAvgPrice: 62_031 });
  await t.throwsAsync(
    later.submit({
      clientOrderId: 'cs1-x',
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'market',
      timeInForce: 'gtc',
      qty: 1,
      referencePrice: 1,
    }),
    { message: /insufficient qty available/ },
  );
});

test('the simulated entry price is the open of the bar after the signal bar closed (bundled data)', async (t) => {
  const { nextOpen } = sourcePrices(createReplaySource());
  // The 2024-02-08 daily BTC/USD bar closes at 2024-02-09T00:00Z: the next bar opens at 45 303.36.
  t.is(await nextOpen('BTC/USD', '1Day', '2024-02-09T00:00:00.000Z'), 45_303.36);
  t.is(await nextOpen('BTC/USD', '1Day', '2099-01-01T00:00:00.000Z'), null, 'no bar yet: not known');
});
