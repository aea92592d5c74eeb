import test from 'ava';
import { closeAll } from '../../../functions/execute-orders/close-all.js';
import { reconcile } from '../../../functions/reconcile-broker/index.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { TradeDeskBusyError } from '../../../shared/trading/trade-desk.js';
import { created, cryptoSignal, reconcileDeps, step, tradingHarness } from './trading-fixture.js';

const FAR = '2999-01-01T00:00:00.000Z';

test('executeOrders waits while another writer holds the trade desk: nothing is sent, the error is transient, and the redelivery enters', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  t.true((await h.trades.claimDesk('reconcile (test)', new Date().toISOString(), 60_000)).taken);
  const error = await t.throwsAsync(h.handler(pushEventFor(signalEventKind, created(signal))), {
    instanceOf: TradeDeskBusyError,
  });
  t.regex(error?.message ?? '', /held by reconcile \(test\)/);
  t.is(h.postsOf(), 0, 'no order while the desk is held');
  t.is(await h.trades.getPosition(signal.signalId), null);
  await h.trades.releaseDesk('reconcile (test)');
  await h.handler(pushEventFor(signalEventKind, created(signal)));
  t.like(await h.trades.getPosition(signal.signalId), { status: 'open', qty: 0.1 });
  t.true((await h.trades.claimDesk('after', FAR, 1)).taken, 'executeOrders gave the desk back');
});

test('reconcile and a lifecycle step at once: one waits, so neither writes a position the other has changed', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const tp1 = step('signal.tp1', signal, 1, 64_000, { status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5 });
  // Both on the wall clock, as two instances are (the fixture's reconcile reads a fixed day).
  const atNow = { ...reconcileDeps(h), now: () => new Date() };
  const [reconciled, stepped] = await Promise.allSettled([reconcile(atNow), h.handler(pushEventFor(signalEventKind, tp1))]);
  t.is(reconciled.status, 'fulfilled', 'reconcile, first at the desk, runs');
  t.true(stepped.status === 'rejected' && stepped.reason instanceof TradeDeskBusyError, 'the step is refused as transient');
  t.false((await h.trades.getPosition(signal.signalId))?.tranches[0]?.closed, 'TP1 not taken yet');
  // Its redelivery, the desk free again, takes the tranche and moves the stop; a reconcile after it keeps both.
  await h.handler(pushEventFor(signalEventKind, tp1));
  await reconcile(atNow);
  const after = await h.trades.getPosition(signal.signalId);
  t.is(after?.stop, 62_000);
  t.deepEqual(
    after?.tranches.map((tranche) => [tranche.leg, tranche.closed]),
    [
      ['a', true],
      ['b', false],
      ['c', false],
    ],
  );
});

test('reconcile and close-all refuse to start while the desk is held, and a failed run gives it back', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  t.true((await h.trades.claimDesk('executeOrders (test)', new Date().toISOString(), 60_000)).taken);
  await t.throwsAsync(reconcile(reconcileDeps(h)), { instanceOf: TradeDeskBusyError });
  await t.throwsAsync(closeAll({ ...h, now: () => new Date() }), { instanceOf: TradeDeskBusyError });
  await h.trades.releaseDesk('executeOrders (test)');
  const failing = { ...reconcileDeps(h), broker: { ...h.broker, positions: () => Promise.reject(new Error('broker down')) } };
  await t.throwsAsync(reconcile(failing), { message: 'broker down' });
  t.true((await h.trades.claimDesk('after', FAR, 1)).taken, 'the failed run gave the desk back');
});
