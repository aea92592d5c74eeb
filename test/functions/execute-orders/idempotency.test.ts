import test from 'ava';
import type { Broker } from '../../../shared/trading/broker.port.js';
import { seededRandom } from '../../pipeline/harness.js';
import { clientOrderIdFor } from '../../../shared/trading/client-order-id.js';
import { created, cryptoSignal, equitySignal, step, tradingHarness } from './trading-fixture.js';

/** A broker whose first submit of each order reaches Alpaca and then "crashes" before the answer is recorded. */
function crashAfterPost(broker: Broker): Broker {
  const crashed = new Set<string>();
  return {
    ...broker,
    submit: async (request) => {
      const order = await broker.submit(request);
      if (!crashed.has(request.clientOrderId)) {
        crashed.add(request.clientOrderId);
        throw new Error('crash between the order POST and its record');
      }
      return order;
    },
  };
}

for (const seed of [1, 7, 42]) {
  test(`every event twice, shuffled (seed ${seed}), a crash after each POST: each leg is sent once and the store ends equal to the broker`, async (t) => {
    const h = await tradingHarness({
      mode: { duplicate: true, shuffle: true, random: seededRandom(seed) },
      wrap: crashAfterPost,
    });
    t.teardown(() => h.close());
    const btc = cryptoSignal();
    const spy = equitySignal();
    h.server.trading.setPrice('BTC/USD', 62_000);
    await h.deliver(
      created(btc),
      created(spy),
      step('signal.tp1', btc, 1, 63_500, { status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5 }),
      step('signal.tp1', spy, 1, 515, { status: 'TP1_HIT', currentStop: 500, openFraction: 0.5 }),
      step('signal.trailed', spy, 2, 520, { status: 'TP1_HIT', currentStop: 505, openFraction: 0.5 }),
      step('signal.stopped', btc, 3, 62_000, { status: 'STOPPED', currentStop: 62_000, openFraction: 0, exitReason: 'STOP' }),
    );
    const posts = h.server.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders');
    const ids = posts.map((r) => (r.body as { client_order_id: string }).client_order_id);
    t.true(ids.length > 0);
    t.deepEqual([...new Set(ids)].sort(), [...ids].sort(), 'no client order id was posted twice');
    t.true(
      posts.every((r) => r.status === 200),
      'no duplicate was even tried (422)',
    );
    // An exit that overtook its entry was redelivered until the entry was there: the stop-out is acted on in any order.
    t.like(await h.trades.getPosition(btc.signalId), { status: 'closed', closeReason: 'stopped' });
    t.is(h.server.trading.positionQty('BTC/USD'), 0);
    t.is(h.bus.stats.deadLettered, 0, 'nothing dead-lettered');
    for (const position of await h.trades.listPositions()) {
      const held = h.server.trading.positionQty(position.symbol);
      t.is(
        position.status === 'closed' ? 0 : position.qty,
        held,
        `${position.symbol}: store ${position.qty} (${position.status}), broker ${held}`,
      );
    }
    for (const order of await h.trades.listOrders()) {
      const wire = h.server.trading.orders.flatMap((o) => [o, ...(o.legs ?? [])]).find((o) => o.id === order.brokerOrderId);
      t.truthy(wire, `${order.clientOrderId} is known at the broker`);
      t.is(order.filledQty, Number(wire?.filled_qty), `${order.clientOrderId} filled quantity`);
    }
  });
}

test('a TP1 redelivered after its sell was recorded (a crash before the tranche was marked) keeps the stop of what stays', async (t) => {
  const h = await tradingHarness();
  try {
    const signal = cryptoSignal();
    await h.deliver(created(signal));
    h.server.trading.setPrice('BTC/USD', 63_500);
    const tp1 = step('signal.tp1', signal, 1, 63_500, { status: 'TP1_HIT', currentStop: signal.entry, openFraction: 0.5 });
    await h.deliver(tp1);
    const stopId = clientOrderIdFor(signal.signalId, 'all', 'stop');
    const stopAfterTp1 = await h.trades.getOrder(stopId);
    const held = h.server.trading.positionQty('BTC/USD');
    t.true(held > 0);
    t.like(stopAfterTp1, { status: 'new', qty: held });
    // The state a crash after the sell's record and before the tranche's mark leaves behind.
    const position = await h.trades.getPosition(signal.signalId);
    if (position === null) return t.fail('no position');
    await h.trades.putPosition({ ...position, tranches: position.tranches.map((tranche) => ({ ...tranche, closed: false })) });
    await h.deliver(tp1);
    t.like(await h.trades.getOrder(stopId), { status: 'new', qty: held }, 'the stop still covers what is held');
    t.is(h.server.trading.positionQty('BTC/USD'), held, 'nothing more was sold');
    t.is(h.postsOf(clientOrderIdFor(signal.signalId, 'a', 'exit-tp1')), 1);
    t.true((await h.trades.getPosition(signal.signalId))?.tranches.find((tranche) => tranche.leg === 'a')?.closed);
  } finally {
    await h.close();
  }
});
