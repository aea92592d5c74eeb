import test from 'ava';
import { encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { clientOrderIdFor } from '../../../shared/trading/client-order-id.js';
import { created, cryptoSignal, step, tradingHarness } from './trading-fixture.js';

const stopped = (signal: ReturnType<typeof cryptoSignal>) =>
  step('signal.stopped', signal, 2, 61_000, { status: 'STOPPED', currentStop: 60_500, openFraction: 0, exitReason: 'STOP' });

test('a stop that overtakes its signal.created is redelivered until the entry is recorded, then closes it', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  const deadLetters: string[] = [];
  h.bus.subscribe({ name: 'dead-letter-observer', topic: 'dead-letters' }, async (event) => {
    deadLetters.push(readPushMessage(event).attributes.type ?? '');
  });
  // The stop is published first and fails (no entry yet); created goes in behind it; the retry finds the entry.
  await h.bus.publish('events', encodeMessage(signalEventKind, stopped(signal)));
  await h.bus.publish('events', encodeMessage(signalEventKind, created(signal)));
  await h.bus.drain();
  t.deepEqual(deadLetters, [], 'nothing dead-lettered');
  const sells = h.server.requests.filter((r) => r.method === 'POST' && (r.body as { side?: string }).side === 'sell');
  t.deepEqual(
    sells.map((r) => (r.body as { client_order_id: string }).client_order_id),
    [clientOrderIdFor(signal.signalId, 'all', 'stop'), clientOrderIdFor(signal.signalId, 'all', 'close')],
    'the protective stop, then the close',
  );
  t.is(h.server.trading.positionQty('BTC/USD'), 0);
  t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', closeReason: 'stopped', qty: 0 });
  t.true(h.bus.stats.redelivered >= 1, 'the early stop was redelivered');
});

test('an exit whose entry never comes is retried until the last delivery attempt, then the signal is recorded as skipped; nothing is sent', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  const deadLetters: string[] = [];
  h.bus.subscribe({ name: 'dead-letter-observer', topic: 'dead-letters' }, async (event) => {
    deadLetters.push(readPushMessage(event).attributes.type ?? '');
  });
  await h.deliver(stopped(signal));
  t.deepEqual(deadLetters, [], 'not dead-lettered');
  t.is(h.bus.stats.redelivered, 4, 'four redeliveries: the fifth attempt is the last');
  t.deepEqual(
    h.published.map((e) => [e.type, e.type === 'trade.skipped' ? e.gate : '']),
    [['trade.skipped', 'entry']],
    'one trade.skipped, gate entry',
  );
  const [skipped] = await h.trades.listJournal({ signalId: signal.signalId, limit: 10 });
  t.like(skipped, {
    operation: 'skip',
    request: { gate: 'entry', figures: { exitEvent: 'signal.stopped', deliveryAttempt: 5 } },
  });
  t.is(h.server.requests.filter((r) => r.method !== 'GET').length, 0, 'no order');

  // The signal's later steps are acknowledged at once, and a signal.created that comes after all opens nothing.
  await h.deliver(
    step('signal.expired', signal, 3, 61_000, { status: 'EXPIRED', openFraction: 0, exitReason: 'EXPIRED' }),
    created(signal),
  );
  t.is(h.bus.stats.redelivered, 4, 'no further redelivery');
  t.is(h.postsOf(), 0, 'no order posted');
  t.is(await h.trades.getPosition(signal.signalId), null, 'no position');
  t.deepEqual(deadLetters, []);
});

test('an exit of a signal whose entry was refused is acknowledged at once', async (t) => {
  const h = await tradingHarness({ paused: true });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal), stopped(signal));
  t.is(h.bus.stats.redelivered, 0);
  t.is(h.bus.stats.deadLettered, 0);
  t.is(h.postsOf(), 0);
});

test('TP1 and the stop delivered at the same moment (a push endpoint takes both) are handled one after the other', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const tp1 = step('signal.tp1', signal, 1, 62_000, { status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5 });
  const stop = step('signal.stopped', signal, 1, 62_000, {
    status: 'STOPPED',
    currentStop: 62_000,
    openFraction: 0,
    exitReason: 'BREAKEVEN_STOP',
  });
  await Promise.all([h.handler(pushEventFor(signalEventKind, tp1)), h.handler(pushEventFor(signalEventKind, stop))]);
  t.is(
    h.server.requests.filter((r) => r.status >= 400 && r.method !== 'GET').length,
    0,
    'no order request refused (403 insufficient qty, 422 not cancelable)',
  );
  t.is(h.server.trading.positionQty('BTC/USD'), 0);
  t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', closeReason: 'stopped', qty: 0 });
  t.deepEqual(
    h.server.trading.orders.filter((o) => ['new', 'held', 'partially_filled'].includes(o.status)).map((o) => o.client_order_id),
    [],
    'no order left working',
  );
});
