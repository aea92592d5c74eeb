import test from 'ava';
import { clientOrderIdFor } from '../../../shared/trading/client-order-id.js';
import { created, cryptoSignal, decidedAMinuteAgo, equitySignal, step, tradingHarness } from './trading-fixture.js';

test('crypto: market entry then a GTC stop_limit for the filled quantity, its limit 1 % under the stop', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  const posts = h.server.requests.filter((r) => r.method === 'POST').map((r) => r.body);
  t.like(posts[0], {
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'market',
    time_in_force: 'gtc',
    qty: '0.1',
    client_order_id: clientOrderIdFor(signal.signalId, 'all', 'entry'),
  });
  t.like(posts[1], {
    symbol: 'BTC/USD',
    side: 'sell',
    type: 'stop_limit',
    time_in_force: 'gtc',
    qty: '0.1',
    stop_price: '60500',
    limit_price: '59895',
  });
  t.is(posts.length, 2);
  t.true(
    posts.every((b) => (b as { order_class?: string }).order_class === undefined),
    'crypto orders are simple',
  );
  t.like(await h.trades.getPosition(signal.signalId), { status: 'open', qty: 0.1, avgEntryPrice: 62_000, mode: 'alpaca' });
  t.deepEqual(
    h.published.map((e) => e.type),
    ['trade.submitted', 'trade.filled', 'trade.submitted'],
  );
  const journal = await h.trades.listJournal({ signalId: signal.signalId, limit: 100 });
  t.true(
    journal.some((e) => e.operation === 'submit' && e.response !== null),
    'requests and responses are journaled',
  );
  t.false(JSON.stringify(journal).includes('test-secret-key'), 'no key in the journal');
});

test('crypto TP1: the stop shrinks to what stays before the tranche is sold; TP1 moves it to breakeven; stop-out sells the rest', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  h.server.trading.setPrice('BTC/USD', 63_500);
  await h.deliver(step('signal.tp1', signal, 1, 63_500, { status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5 }));
  const after = h.server.requests.filter((r) => r.method !== 'GET').slice(2);
  t.deepEqual(
    after.map((r) => `${r.method} ${r.path.startsWith('/v2/orders/') ? '/v2/orders/{id}' : r.path}`),
    ['PATCH /v2/orders/{id}', 'POST /v2/orders', 'PATCH /v2/orders/{id}'],
  );
  t.like(after[0].body, { qty: '0.05' });
  t.like(after[1].body, {
    side: 'sell',
    type: 'market',
    qty: '0.05',
    client_order_id: clientOrderIdFor(signal.signalId, 'a', 'exit-tp1'),
  });
  t.like(after[2].body, { stop_price: '62000' });
  t.is(h.server.trading.positionQty('BTC/USD'), 0.05);
  h.server.trading.setPrice('BTC/USD', 62_500);
  await h.deliver(
    step('signal.stopped', signal, 2, 62_000, { status: 'STOPPED', currentStop: 62_000, openFraction: 0, exitReason: 'STOP' }),
  );
  t.is(h.server.trading.positionQty('BTC/USD'), 0);
  const position = await h.trades.getPosition(signal.signalId);
  t.like(position, { status: 'closed', qty: 0, closeReason: 'stopped' });
  t.true((position?.realizedPnl ?? 0) > 0, 'half taken at TP1, the rest sold above entry');
  t.true(h.published.some((e) => e.type === 'trade.closed'));
  t.is(
    h.server.trading.orders.filter((o) => ['new', 'held', 'partially_filled'].includes(o.status)).length,
    0,
    'no order left working',
  );
});

test('equities: three brackets 50/25/25 with TP1, TP2, TP3 limit legs; a filled TP1 leg is not sold twice and the other stops move to breakeven', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const signal = equitySignal();
  await h.deliver(created(signal));
  const brackets = h.server.requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>);
  t.deepEqual(
    brackets.map((b) => [
      b.qty,
      b.order_class,
      (b.take_profit as { limit_price: string }).limit_price,
      (b.stop_loss as { stop_price: string }).stop_price,
    ]),
    [
      ['5', 'bracket', '515', '485'],
      ['2', 'bracket', '530', '485'],
      ['3', 'bracket', '545', '485'],
    ],
  );
  h.server.trading.setPrice('SPY', 516);
  await h.deliver(step('signal.tp1', signal, 1, 515, { status: 'TP1_HIT', currentStop: 500, openFraction: 0.5 }));
  t.is(h.postsOf(), 3, 'the TP1 leg filled at the broker: nothing sold again');
  const patches = h.server.requests.filter((r) => r.method === 'PATCH');
  t.deepEqual(
    patches.map((r) => r.body),
    [{ stop_price: '500' }, { stop_price: '500' }],
    'the stops of the two other brackets move to breakeven',
  );
  t.is(h.server.trading.positionQty('SPY'), 5);
  const filledTp = h.published.find((e) => e.type === 'trade.filled' && e.action === 'exit-tp1');
  t.like(filledTp, { qty: 5, price: 515 });
  await h.deliver(step('signal.expired', signal, 3, 505, { status: 'EXPIRED', openFraction: 0 }));
  t.is(h.server.trading.positionQty('SPY'), 0);
  t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', closeReason: 'expired' });
});

test('equities under 4 shares get fewer tranches: 1 share is one bracket (the runner)', async (t) => {
  const h = await tradingHarness({ limits: { riskPerTradeUsd: 15 } });
  t.teardown(() => h.close());
  await h.deliver(created(equitySignal()));
  const bodies = h.server.requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>);
  t.is(bodies.length, 1);
  t.like(bodies[0], { qty: '1', order_class: 'bracket', take_profit: { limit_price: '545' } });
});

test('the kill switch (paused) refuses new entries with a trade.skipped naming the gate; no order is sent', async (t) => {
  const h = await tradingHarness({ paused: true });
  t.teardown(() => h.close());
  await h.deliver(created(cryptoSignal()));
  t.is(h.postsOf(), 0);
  t.like(h.published, [{ type: 'trade.skipped', gate: 'kill-switch' }]);
  t.is(await h.trades.getPosition(cryptoSignal().signalId), null);
});

test('a signal decided more than MAX_EVENT_AGE_SECONDS ago (a late sweep, a republished past scan) is not entered', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const stale = cryptoSignal({ createdAt: new Date(decidedAMinuteAgo().getTime() - 3_600_001).toISOString() });
  await h.deliver(created(stale));
  t.is(h.postsOf(), 0);
  t.like(h.published, [{ type: 'trade.skipped', gate: 'signal-age', figures: { ageSeconds: 3_600, limitSeconds: 3_600 } }]);
  t.is(await h.trades.getPosition(stale.signalId), null);
  await h.deliver(created(cryptoSignal({ createdAt: new Date(decidedAMinuteAgo().getTime() - 3_600_000).toISOString() })));
  t.is(h.postsOf(), 0, 'a redelivery repeats the skip, never re-decides');
});

test('an equity signal ages only while the market is open; a crypto one around the clock; one from the future is refused', async (t) => {
  const afterFridayClose = '2024-03-08T21:15:00.000Z'; // 16:15 New York
  const enteredAt = async (now: string, signal: ReturnType<typeof cryptoSignal>) => {
    const h = await tradingHarness({ now: () => new Date(now) });
    t.teardown(() => h.close());
    await h.deliver(created(signal));
    return { posts: h.postsOf(), skipped: h.published.find((e) => e.type === 'trade.skipped') };
  };
  const spy = equitySignal({ createdAt: afterFridayClose });
  t.true((await enteredAt('2024-03-09T23:00:00Z', spy)).posts > 0, 'Saturday: the market has not opened since');
  t.like((await enteredAt('2024-03-11T15:00:00Z', spy)).skipped, {
    gate: 'signal-age',
    figures: { ageSeconds: 5_400 },
  }); // Monday 11:00 New York: 90 min of trading since the open
  const btc = cryptoSignal({ createdAt: afterFridayClose });
  t.like((await enteredAt('2024-03-09T23:00:00Z', btc)).skipped, { gate: 'signal-age' }, 'crypto trades all weekend');
  t.like((await enteredAt('2024-03-08T21:00:00Z', btc)).skipped, {
    gate: 'signal-age',
    reason: 'the signal was decided 15 min in the future',
  });
  t.is((await enteredAt('2024-03-08T21:12:00Z', btc)).skipped, undefined, '3 min ahead: clock skew, entered');
});

test('a blocked account, a drawdown and a too-small order are skipped with their figures', async (t) => {
  const blocked = await tradingHarness({ trading: { tradingBlocked: true } });
  t.teardown(() => blocked.close());
  await blocked.deliver(created(cryptoSignal()));
  t.like(blocked.published, [{ type: 'trade.skipped', gate: 'account-blocked' }]);
  const down = await tradingHarness({ trading: { cash: 90_000, lastEquity: 100_000 } });
  t.teardown(() => down.close());
  await down.deliver(created(cryptoSignal()));
  t.like(down.published, [{ type: 'trade.skipped', gate: 'daily-drawdown', figures: { equity: 90_000, lastEquity: 100_000 } }]);
  const tiny = await tradingHarness({ limits: { riskPerTradeUsd: 0.25 } });
  t.teardown(() => tiny.close());
  await tiny.deliver(created(cryptoSignal()));
  t.like(tiny.published, [{ type: 'trade.skipped', gate: 'sizing', reason: 'below-alpaca-crypto-minimum' }]);
  t.is(blocked.postsOf() + down.postsOf() + tiny.postsOf(), 0);
});

test('one position per symbol: a second signal on an open symbol is skipped', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  await h.deliver(created(cryptoSignal()));
  await h.deliver(created(cryptoSignal({ signalId: '9b8a7c6d-5e4f-5a3b-8c2d-1e0f9a8b7c6d' })));
  t.like(h.published.at(-1), { type: 'trade.skipped', gate: 'one-per-symbol' });
  t.is(h.postsOf(), 2, 'entry and stop of the first only');
});

test('a partial entry fill protects what filled; reconcile-style redelivery does not send the entry again', async (t) => {
  const h = await tradingHarness({ trading: { partialFill: { 'BTC/USD': 0.5 } } });
  t.teardown(() => h.close());
  const signal = cryptoSignal();
  await h.deliver(created(signal));
  t.like(await h.trades.getPosition(signal.signalId), { qty: 0.05 });
  t.like(h.server.requests.filter((r) => r.method === 'POST')[1]?.body, { type: 'stop_limit', qty: '0.05' });
  t.like(
    h.published.find((e) => e.type === 'trade.filled'),
    { partial: true, qty: 0.05 },
  );
  await h.deliver(created(signal));
  t.is(h.postsOf(clientOrderIdFor(signal.signalId, 'all', 'entry')), 1);
});
