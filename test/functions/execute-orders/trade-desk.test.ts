import test from 'ava';
import { closeAll } from '../../../functions/execute-orders/close-all.js';
import { reconcile } from '../../../functions/reconcile-broker/index.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { TRADE_DESK_PATIENCE_MS, TradeDeskBusyError } from '../../../shared/trading/trade-desk.js';
import { created, cryptoSignal, reconcileDeps, step, tradingHarness } from './trading-fixture.js';

const FAR = '2999-01-01T00:00:00.000Z';

test('executeOrders waits while another writer holds the trade desk, sends nothing meanwhile, then enters', async (t) => {
  const slept: number[] = [];
  let release = async () => {};
  const h = await tradingHarness({
    sleep: async (ms) => {
      slept.push(ms);
      t.is(h.postsOf(), 0, 'no order while the desk is held');
      if (slept.length === 3) await release();
    },
  });
  t.teardown(() => h.close());
  release = () => h.trades.releaseDesk('reconcile (test)');
  const signal = cryptoSignal();
  t.true((await h.trades.claimDesk('reconcile (test)', new Date().toISOString(), 60_000)).taken);
  await h.handler(pushEventFor(signalEventKind, created(signal)));
  t.deepEqual(slept, [1_000, 1_000, 1_000], 'looked again each second until it was free');
  t.like(await h.trades.getPosition(signal.signalId), { status: 'open', qty: 0.1 });
  t.true((await h.trades.claimDesk('after', FAR, 1)).taken, 'executeOrders gave the desk back');
});

test('a desk held past the patience: executeOrders fails as transient (redelivered, not dead-lettered at once) and sends nothing', async (t) => {
  let slept = 0;
  const h = await tradingHarness({ sleep: async (ms) => void (slept += ms) });
  t.teardown(() => h.close());
  t.true((await h.trades.claimDesk('reconcile (test)', new Date().toISOString(), 600_000)).taken);
  const error = await t.throwsAsync(h.handler(pushEventFor(signalEventKind, created(cryptoSignal()))), {
    instanceOf: TradeDeskBusyError,
  });
  t.regex(error?.message ?? '', /held by reconcile \(test\)/);
  t.is(slept, TRADE_DESK_PATIENCE_MS);
  t.is(h.postsOf(), 0);
});

test('reconcile and a lifecycle step at once: the step waits for reconcile, so neither writes a position the other changed', async (t) => {
  const order: string[] = [];
  const h = await tradingHarness({
    sleep: (ms) => {
      order.push('step waits');
      return new Promise((resolve) => setTimeout(resolve, ms / 100));
    },
  });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const tp1 = step('signal.tp1', signal, 1, 64_000, { status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5 });
  // Both on the wall clock, as two instances are (the fixture's reconcile reads a fixed day).
  const atNow = { ...reconcileDeps(h), now: () => new Date() };
  await Promise.all([
    reconcile(atNow).then(() => order.push('reconciled')),
    h.handler(pushEventFor(signalEventKind, tp1)).then(() => order.push('stepped')),
  ]);
  t.is(order.at(0), 'step waits');
  t.deepEqual(order.slice(-2), ['reconciled', 'stepped'], 'the step ran after reconcile gave the desk back');
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

test('reconcile and close-all give up on a desk held past their patience, and a failed run gives it back', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const noWait = async () => {};
  t.true((await h.trades.claimDesk('executeOrders (test)', new Date().toISOString(), 600_000)).taken);
  await t.throwsAsync(reconcile({ ...reconcileDeps(h), now: () => new Date(), sleep: noWait }), {
    instanceOf: TradeDeskBusyError,
  });
  await t.throwsAsync(closeAll({ ...h, now: () => new Date(), sleep: noWait }), { instanceOf: TradeDeskBusyError });
  await h.trades.releaseDesk('executeOrders (test)');
  const failing = { ...reconcileDeps(h), broker: { ...h.broker, positions: () => Promise.reject(new Error('broker down')) } };
  await t.throwsAsync(reconcile(failing), { message: 'broker down' });
  t.true((await h.trades.claimDesk('after', FAR, 1)).taken, 'the failed run gave the desk back');
});
