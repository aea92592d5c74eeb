import test from 'ava';
import { AccountSnapshotEventSchema } from '../../../shared/messages/account-snapshot-event.js';
import { decodePushEvent, encodeMessage } from '../../../shared/messages/envelope.js';
import { maintenanceRequestKind } from '../../../shared/messages/maintenance-request.js';
import { clientOrderIdFor } from '../../../shared/trading/client-order-id.js';
import { createReconcileBroker, reconcile, LOOKS_BEFORE_LOST } from '../../../functions/reconcile-broker/index.js';
import { created, cryptoSignal, equitySignal, reconcileDeps, step, tradingHarness } from '../execute-orders/trading-fixture.js';

const deps = reconcileDeps;

test('a partial fill completed later is recorded with its price and slippage; the stop keeps working', async (t) => {
  const h = await tradingHarness({ trading: { partialFill: { 'BTC/USD': 0.5 } } });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.completeFills();
  const report = await reconcile(deps(h));
  t.is(report.fills, 1);
  t.like(await h.trades.getOrder(clientOrderIdFor(signal.signalId, 'all', 'entry')), {
    status: 'filled',
    filledQty: 0.1,
    filledAvgPrice: 62_000,
    plannedPrice: 62_000,
    slippage: 0,
  });
  t.deepEqual(report.drift, [], 'the store follows the broker');
  t.like(await h.trades.getPosition(signal.signalId), { qty: 0.1 });
});

test('more of a crypto entry fills later: reconcile grows the GTC stop_limit to the filled quantity (replace)', async (t) => {
  const h = await tradingHarness({ trading: { partialFill: { 'BTC/USD': 0.5 } } });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  const stopId = clientOrderIdFor(signal.signalId, 'all', 'stop');
  await h.deliver(created(signal));
  t.like(await h.trades.getOrder(stopId), { qty: 0.05 }, 'the stop covers the first half');
  h.server.trading.completeFills();
  const before = h.server.requests.length;
  const report = await reconcile(deps(h));
  t.deepEqual(report.stopsCovered, [signal.signalId]);
  const changes = h.server.requests.slice(before).filter((r) => r.method !== 'GET');
  t.is(changes.length, 1, 'one request changes anything');
  t.is(changes[0].method, 'PATCH');
  t.deepEqual(changes[0].body, { qty: '0.1' });
  const working = h.server.trading.orders.filter((o) => o.client_order_id === stopId && o.status === 'new');
  t.like(working, [{ qty: '0.1', type: 'stop_limit', stop_price: '60500', limit_price: '59895' }], 'one stop, for all 0.1');
  t.like(await h.trades.getOrder(stopId), { qty: 0.1, brokerOrderId: working[0]?.id });
  t.deepEqual((await reconcile(deps(h))).stopsCovered, [], 'a covered stop is left alone');
  t.is(h.server.requests.filter((r) => r.method === 'PATCH').length, 1);
});

test('a crypto entry with nothing filled at first gets its protective stop from reconcile once it fills', async (t) => {
  const h = await tradingHarness({ trading: { partialFill: { 'BTC/USD': 0 } } });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  const stopId = clientOrderIdFor(signal.signalId, 'all', 'stop');
  await h.deliver(created(signal));
  t.is(h.postsOf(stopId), 0, 'no stop for nothing held');
  t.deepEqual((await reconcile(deps(h))).stopsCovered, [], 'still nothing held: nothing to protect');
  h.server.trading.completeFills();
  t.deepEqual((await reconcile(deps(h))).stopsCovered, [signal.signalId]);
  t.like(h.server.requests.filter((r) => r.method === 'POST').at(-1)?.body, {
    client_order_id: stopId,
    type: 'stop_limit',
    side: 'sell',
    qty: '0.1',
    stop_price: '60500',
  });
  t.like(await h.trades.getOrder(stopId), { qty: 0.1, status: 'new' });
});

test('an equity entry sent after the close fills at the next open: reconcile records the real fill, and the journal has it', async (t) => {
  const h = await tradingHarness({ trading: { marketClosed: true } });
  t.teardown(() => h.close());
  const signal = equitySignal();
  await h.deliver(created(signal));
  const entryA = clientOrderIdFor(signal.signalId, 'a', 'entry');
  t.like(await h.trades.getOrder(entryA), { status: 'accepted', filledQty: 0 });
  t.like(await h.trades.getPosition(signal.signalId), { status: 'open', qty: 0, plannedQty: 10 });
  h.server.trading.setPrice('SPY', 503); // the open gaps up from the signal's 500
  h.server.trading.openMarket();
  const report = await reconcile(deps(h));
  t.is(report.fills, 3, 'the three tranches filled at the open');
  t.like(await h.trades.getOrder(entryA), {
    status: 'filled',
    filledQty: 5,
    filledAvgPrice: 503,
    plannedPrice: 500,
    slippage: 3,
  });
  t.like(await h.trades.getPosition(signal.signalId), { qty: 10, avgEntryPrice: 503 });
  t.like(await h.trades.getOrder(`${entryA}:tp`), { status: 'new' }, 'the bracket legs are working now');
  await h.bus.drain();
  t.like(
    h.published.find((e) => e.type === 'trade.filled' && e.clientOrderId === entryA),
    { price: 503, plannedPrice: 500, slippage: 3 },
  );
  const journal = await h.trades.listJournal({ signalId: signal.signalId, limit: 500 });
  t.true(
    journal.some(
      (e) =>
        e.operation === 'order' &&
        e.clientOrderId === entryA &&
        (e.response as { filledAvgPrice?: number }).filledAvgPrice === 503,
    ),
    'the look-up that found the fill is in the journal',
  );
});

test(`an order the broker does not know after ${LOOKS_BEFORE_LOST} looks is lost and alerted`, async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const stopId = clientOrderIdFor(signal.signalId, 'all', 'stop');
  h.server.trading.forget(stopId);
  for (let look = 1; look < LOOKS_BEFORE_LOST; look++) t.deepEqual((await reconcile(deps(h))).lost, []);
  t.deepEqual((await reconcile(deps(h))).lost, [stopId]);
  await h.bus.drain();
  t.like(await h.trades.getOrder(stopId), { status: 'lost', missingLooks: 3 });
  t.like(
    h.published.find((e) => e.type === 'trade.lost'),
    { clientOrderId: stopId, looks: 3 },
  );
  // The position it protected is not left bare: a new stop takes the lost one's place.
  t.like(await h.trades.getOrder(clientOrderIdFor(signal.signalId, 'all', 'stop', 1)), { status: 'new', qty: 0.1 });
});

test('a broker position with no open signal is an orphan: alerted, never traded', async (t) => {
  const h = await tradingHarness({ trading: { positions: { 'ETH/USD': { qty: 2, price: 3_000 } } } });
  t.teardown(() => h.close());
  const report = await reconcile(deps(h));
  await h.bus.drain();
  t.deepEqual(report.orphans, [{ symbol: 'ETHUSD', qty: 2 }]);
  t.like(h.published, [{ type: 'position.orphan', symbol: 'ETH/USD', brokerSymbol: 'ETHUSD', qty: 2 }]);
  t.is(h.server.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing sent about it');
});

test('a recorded position gone at the broker is a zombie: its record is closed with the evidence', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = equitySignal();
  await h.deliver(created(signal));
  h.server.trading.dropPosition('SPY');
  const report = await reconcile(deps(h));
  await h.bus.drain();
  t.deepEqual(report.zombies, [signal.signalId]);
  const position = await h.trades.getPosition(signal.signalId);
  t.like(position, { status: 'closed', closeReason: 'zombie' });
  t.regex(position?.evidence ?? '', /no SPY/);
  t.like(h.published.at(-1), { type: 'position.zombie', signalId: signal.signalId });
});

test('a stop filled at the broker closes the record; the maintenance topic runs reconcile and the daily snapshot', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.setPrice('BTC/USD', 60_000);
  const handler = createReconcileBroker({ ...deps(h), maxEventAgeMs: 3_600_000 });
  h.bus.subscribe({ name: 'reconcile-broker', topic: 'maintenance' }, handler);
  const snapshots: unknown[] = [];
  h.bus.subscribe({ name: 'archive', topic: 'events', filter: 'attributes.type = "account.snapshot"' }, async (event) => {
    snapshots.push(decodePushEvent(AccountSnapshotEventSchema, event).payload);
  });
  await h.bus.publish('maintenance', encodeMessage(maintenanceRequestKind, { schemaVersion: 1, task: 'reconcile' }));
  await h.bus.publish('maintenance', encodeMessage(maintenanceRequestKind, { schemaVersion: 1, task: 'account-snapshot' }));
  await h.bus.drain();
  t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', closeReason: 'closed-at-broker', qty: 0 });
  t.like(
    h.published.find((e) => e.type === 'trade.closed'),
    { signalId: signal.signalId, reason: 'closed-at-broker' },
    'announced, as a close by the lifecycle is',
  );
  const [snapshot] = await h.trades.listAccountSnapshots(5);
  t.like(snapshot, { id: 'alpaca|2024-03-06', mode: 'alpaca', positions: [] });
  t.true(Math.abs((snapshot?.equity ?? 0) - (100_000 - 0.1 * 2_000)) < 1e-6, 'the loss on the stop is in the equity');
  t.like(snapshots, [
    { type: 'account.snapshot', asOf: snapshot?.at, simulated: false, account: { mode: 'alpaca', equity: snapshot?.equity } },
  ]);
});

test('an order whose cancel is pending is still followed: the stop that filled meanwhile closes the record', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const stopId = clientOrderIdFor(signal.signalId, 'all', 'stop');
  const stop = await h.trades.getOrder(stopId);
  if (stop === null) return t.fail('no stop');
  // What a cancel read back at once often records: Alpaca's pending_cancel, an order that can still fill.
  await h.trades.putOrder({ ...stop, status: 'pending_cancel' });
  h.server.trading.setPrice('BTC/USD', 60_000);
  const report = await reconcile(deps(h));
  t.is(report.fills, 1);
  t.like(await h.trades.getOrder(stopId), { status: 'filled', filledQty: stop.qty });
  t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', qty: 0 });
});

test('a lifecycle close that fills after its answer is finished by reconcile with its reason, and announced (trade.closed)', async (t) => {
  const h = await tradingHarness({ trading: { partialFill: { 'BTC/USD': 0 } } });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.completeFills();
  await reconcile(deps(h));
  t.like(await h.trades.getPosition(signal.signalId), { status: 'open', qty: 0.1 });
  await h.deliver(
    step('signal.stopped', signal, 2, 60_500, { status: 'STOPPED', currentStop: 60_500, openFraction: 0, exitReason: 'STOP' }),
  );
  t.like(
    await h.trades.getPosition(signal.signalId),
    { status: 'open', closeReason: 'stopped' },
    'the sell is accepted, not filled',
  );
  t.false(h.published.some((e) => e.type === 'trade.closed'));
  h.server.trading.completeFills();
  const report = await reconcile(deps(h));
  t.deepEqual(report.closed, [signal.signalId]);
  const position = await h.trades.getPosition(signal.signalId);
  t.like(position, { status: 'closed', closeReason: 'stopped', qty: 0 });
  await h.bus.drain();
  const announced = h.published.filter((e) => e.type === 'trade.closed');
  t.is(announced.length, 1);
  t.like(announced[0], { signalId: signal.signalId, reason: 'stopped', realizedPnl: position?.realizedPnl });
});

test('a crypto stop canceled outside the system is placed again by reconcile (its next version), and then follows the trail', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const first = clientOrderIdFor(signal.signalId, 'all', 'stop');
  const wire = h.server.trading.orders.find((o) => o.client_order_id === first);
  if (wire === undefined) return t.fail('no stop at the broker');
  wire.status = 'canceled'; // at the dashboard
  const report = await reconcile(deps(h));
  t.like(await h.trades.getOrder(first), { status: 'canceled' });
  const second = clientOrderIdFor(signal.signalId, 'all', 'stop', 1);
  t.deepEqual(report.stopsCovered, [signal.signalId]);
  t.like(await h.trades.getOrder(second), { status: 'new', qty: 0.1, type: 'stop_limit', stopPrice: signal.stop });
  t.is(h.postsOf(second), 1);
  t.deepEqual((await reconcile(deps(h))).stopsCovered, [], 'placed once');
  await h.deliver(step('signal.trailed', signal, 2, 63_000, { status: 'ACTIVE', currentStop: 61_000 }));
  t.like(await h.trades.getOrder(second), { status: 'new', stopPrice: 61_000 });
  t.is(h.postsOf(), 3, 'the entry, the first stop and the second: the trail replaced it');
});
