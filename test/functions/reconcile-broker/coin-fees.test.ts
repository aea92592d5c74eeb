import test from 'ava';
import { encodeMessage } from '../../../shared/messages/envelope.js';
import { maintenanceRequestKind } from '../../../shared/messages/maintenance-request.js';
import { clientOrderIdFor } from '../../../shared/trading/client-order-id.js';
import { factsOf } from '../../../shared/analytics/facts.js';
import type { JsonRecord } from '../../../shared/analytics/event-fields.js';
import { paperAccount } from '../../../shared/trading/paper-account.js';
import type { Broker } from '../../../shared/trading/broker.port.js';
import { createReconcileBroker, reconcile } from '../../../functions/reconcile-broker/index.js';
import { renderTradeNotification } from '../../../functions/notify-discord/render-trade.js';
import { created, cryptoSignal, step, reconcileDeps, tradingHarness } from '../execute-orders/trading-fixture.js';
import type { TradingHarness } from '../execute-orders/trading-fixture.js';

// Alpaca's fee on the 0.1 BTC entry, taken in BTC at the end of the day: 0.25 % of 0.1, $15.50 at 62 000.
const FEE_QTY = 0.00025;
const FEE_USD = 15.5;
const FEE_DAY = '2024-03-04';

const deps = reconcileDeps;

const refused = (h: TradingHarness) => h.server.requests.filter((r) => r.status === 403 || r.status === 422);
const sellPosts = (h: TradingHarness) =>
  h.server.requests
    .filter((r) => r.method === 'POST' && (r.body as { side?: string } | undefined)?.side === 'sell')
    .map((r) => r.body as { client_order_id: string; qty: string; type: string });
const near = (a: number | undefined, b: number) => Math.abs((a ?? Number.NaN) - b) < 1e-6;

test('after a fee taken in the coin, the final exit sells exactly what Alpaca holds: no 403, the record closes', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.postCryptoFee('BTC/USD', FEE_QTY, 62_000, FEE_DAY);
  t.is(h.server.trading.positionQty('BTC/USD'), 0.09975);
  h.server.trading.setPrice('BTC/USD', 63_000);
  await h.deliver(
    step('signal.expired', signal, 2, 63_000, { status: 'EXPIRED', currentStop: 60_500, openFraction: 0, exitReason: 'EXPIRED' }),
  );
  t.deepEqual(refused(h), [], 'no order refused');
  const close = sellPosts(h).find((b) => b.client_order_id === clientOrderIdFor(signal.signalId, 'all', 'close'));
  t.like(close, { qty: '0.09975', type: 'market' }, 'what is held, not the 0.1 that filled');
  t.is(h.server.trading.positionQty('BTC/USD'), 0, 'no dust left');
  const position = await h.trades.getPosition(signal.signalId);
  t.like(position, { status: 'closed', qty: 0, closeReason: 'expired' });
  t.true(near(position?.realizedPnl, 0.09975 * 1_000), 'the fee is not known yet');
});

test('reconcile records the fee once against the closed trade: fees, realized P&L, the paper account and the journal', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const activity = h.server.trading.postCryptoFee('BTC/USD', FEE_QTY, 62_000, FEE_DAY);
  h.server.trading.setPrice('BTC/USD', 63_000);
  await h.deliver(
    step('signal.expired', signal, 2, 63_000, { status: 'EXPIRED', currentStop: 60_500, openFraction: 0, exitReason: 'EXPIRED' }),
  );
  const before = await h.trades.getPosition(signal.signalId);

  const report = await reconcile(deps(h));
  t.like(report.feesRecorded, [{ signalId: signal.signalId, activityId: activity.id, qty: FEE_QTY, usd: FEE_USD }]);
  t.deepEqual(report.feesUnmatched, []);
  const after = await h.trades.getPosition(signal.signalId);
  t.like(after, { status: 'closed', qty: 0, closeReason: 'expired', coinFees: [{ activityId: activity.id, qty: FEE_QTY }] });
  t.true(near(after?.fees, (before?.fees ?? 0) + FEE_USD));
  t.true(near(after?.realizedPnl, (before?.realizedPnl ?? 0) - FEE_USD), 'the fee at qty × price comes off the result');

  await h.bus.drain();
  const feeEvents = h.published.filter((e) => e.type === 'trade.fee');
  t.like(feeEvents, [{ signalId: signal.signalId, activityId: activity.id, qty: FEE_QTY, price: 62_000, fees: FEE_USD }]);
  const fact = factsOf(feeEvents[0] as unknown as JsonRecord, '2024-03-06T00:00:00.000Z').fact_trades?.[0]?.json;
  t.like(fact, { signal_id: signal.signalId, fees: FEE_USD, qty: FEE_QTY, fill_price: 62_000 }, 'a trade fact with the fee');
  const notification = renderTradeNotification(feeEvents[0], { testMode: false });
  t.is(notification.route, 'crypto', 'posted where the fills of its asset class go');
  t.regex(notification.text, /Fee taken in the coin BTC\/USD \(paper\): 0.00025 at \$62,000/);

  const again = await reconcile(deps(h));
  await h.bus.drain();
  t.deepEqual(again.feesRecorded, [], 'a re-run records nothing twice');
  t.deepEqual(await h.trades.getPosition(signal.signalId), after);
  t.is(h.published.filter((e) => e.type === 'trade.fee').length, 1, 'and publishes nothing twice');

  const account = paperAccount((await h.trades.listPositions()) ?? [], 100_000);
  t.true(near(account.fees, FEE_USD));
  t.true(near(account.equity, Math.round((100_000 + 0.09975 * 1_000 - FEE_USD) * 100) / 100), 'the paper P&L includes it');

  const query = h.server.requests.find((r) => r.path === '/v2/account/activities');
  t.is(query?.query.get('activity_types'), 'CFEE');
  const journal = await h.trades.listJournal({ limit: 500 });
  const entry = journal.find((e) => e.operation === 'crypto-fees' && JSON.stringify(e.response).includes(activity.id));
  t.truthy(entry, 'the fee Alpaca reported is in the journal');
});

test('reconcile shrinks the protective stop to what a fee left; TP1 and the stop-out then sell what is held', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  const stopId = clientOrderIdFor(signal.signalId, 'all', 'stop');
  await h.deliver(created(signal));
  h.server.trading.postCryptoFee('BTC/USD', FEE_QTY, 62_000, FEE_DAY);

  const start = h.server.requests.length;
  const report = await reconcile(deps(h));
  t.deepEqual(report.stopsShrunk, [signal.signalId]);
  t.deepEqual(report.drift, [], 'the record follows the broker once the fee is in it');
  const changes = h.server.requests.slice(start).filter((r) => r.method !== 'GET');
  t.like(changes, [{ method: 'PATCH', body: { qty: '0.09975' } }], 'one replace, to what is held');
  t.like(await h.trades.getOrder(stopId), { qty: 0.09975 });
  t.like(await h.trades.getPosition(signal.signalId), { status: 'open', qty: 0.09975 });
  t.deepEqual((await reconcile(deps(h))).stopsShrunk, [], 'a stop that covers what is held is left alone');

  h.server.trading.setPrice('BTC/USD', 63_500);
  await h.deliver(step('signal.tp1', signal, 1, 63_500, { status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5 }));
  t.like(await h.trades.getOrder(stopId), { qty: 0.04975, stopPrice: 62_000 }, 'the stop covers what stays');
  h.server.trading.setPrice('BTC/USD', 62_500);
  await h.deliver(
    step('signal.stopped', signal, 2, 62_000, { status: 'STOPPED', currentStop: 62_000, openFraction: 0, exitReason: 'STOP' }),
  );
  t.deepEqual(refused(h), [], 'no order refused');
  t.deepEqual(
    sellPosts(h).map((b) => [b.client_order_id, b.qty]),
    [
      [stopId, '0.1'],
      [clientOrderIdFor(signal.signalId, 'a', 'exit-tp1'), '0.05'],
      [clientOrderIdFor(signal.signalId, 'all', 'close'), '0.04975'],
    ],
  );
  t.is(h.server.trading.positionQty('BTC/USD'), 0);
  const position = await h.trades.getPosition(signal.signalId);
  t.like(position, { status: 'closed', qty: 0, closeReason: 'stopped' });
  t.true(near(position?.realizedPnl, 0.05 * 1_500 + 0.04975 * 500 - FEE_USD), 'both exits, less the fee');
});

test('the fee is recorded once when every maintenance message is delivered twice and reconcile runs again', async (t) => {
  const h = await tradingHarness({ mode: { duplicate: true } });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.postCryptoFee('BTC/USD', FEE_QTY, 62_000, FEE_DAY);
  h.bus.subscribe(
    { name: 'reconcile-broker', topic: 'maintenance' },
    createReconcileBroker({ ...deps(h), maxEventAgeMs: 3_600_000 }),
  );
  for (let run = 0; run < 2; run++) {
    await h.bus.publish('maintenance', encodeMessage(maintenanceRequestKind, { schemaVersion: 1, task: 'reconcile' }));
    await h.bus.drain();
  }
  t.true(h.server.requests.filter((r) => r.path === '/v2/account/activities').length >= 4, 'each delivery read the fees');
  const position = await h.trades.getPosition(signal.signalId);
  t.is(position?.coinFees?.length, 1);
  t.like(position, { qty: 0.09975 });
  t.true(near(position?.fees, FEE_USD));
  t.is(h.server.requests.filter((r) => r.method === 'PATCH').length, 1, 'the stop shrank once');
});

test('a sell Alpaca refuses for want of quantity (403) is retried once with what is available', async (t) => {
  // Failure injection: the first position read is stale (from before the fee), so the close asks for 0.1.
  let stale = true;
  const wrap = (broker: Broker): Broker => ({
    ...broker,
    positions: async () => {
      const positions = await broker.positions();
      if (!stale) return positions;
      stale = false;
      return positions.map((p) => ({ ...p, qty: p.qty + FEE_QTY, qtyAvailable: p.qtyAvailable + FEE_QTY }));
    },
  });
  const h = await tradingHarness({ wrap });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.postCryptoFee('BTC/USD', FEE_QTY, 62_000, FEE_DAY);
  stale = true;
  await h.deliver(
    step('signal.expired', signal, 2, 62_000, { status: 'EXPIRED', currentStop: 60_500, openFraction: 0, exitReason: 'EXPIRED' }),
  );
  const closeId = clientOrderIdFor(signal.signalId, 'all', 'close');
  t.deepEqual(
    sellPosts(h)
      .filter((b) => b.client_order_id === closeId)
      .map((b) => b.qty),
    ['0.1', '0.09975'],
  );
  t.is(refused(h).length, 1, 'one refusal, then the retry');
  t.is(h.server.trading.positionQty('BTC/USD'), 0);
  t.like(await h.trades.getPosition(signal.signalId), { status: 'closed' });
});
