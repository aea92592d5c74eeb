import test from 'ava';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { signalEventKind } from '../../shared/messages/events.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { openFirestoreTradeStore } from '../../shared/store/firestore-trade-store.js';
import { clientOrderIdFor } from '../../shared/trading/client-order-id.js';
import { created, cryptoSignal, step } from '../functions/execute-orders/trading-fixture.js';
import type { RequestLog } from '../servers/alpaca-server.js';
import { eventually, useE2eStack } from './e2e-stack.js';

/** The open of the 2024-02-09 BTC/USD bar: the paper server fills market orders there. */
const PRICE = 45_303.36;

// All three switches on (execution, paper, a loopback trading host): executeOrders sends paper orders to the local
// Alpaca, whose trading side fills market orders at PRICE.
// The bars are served as if 2024-02-10 were yesterday: executeOrders enters only signals decided within
// MAX_EVENT_AGE_SECONDS (here three days, for the scan of the day before).
const e2e = useE2eStack({
  env: { ENABLE_EXECUTION: 'true', ALPACA_PAPER_TRADING: 'true', MAX_EVENT_AGE_SECONDS: String(3 * 86_400) },
  trading: { prices: { 'BTC/USD': PRICE } },
  yesterday: '2024-02-10',
});
test.serial.before('the stack is up', async () => {
  await e2e();
});
test.afterEach.always('on failure, what executeOrders said', async (t) => {
  if (t.passed) return;
  const { lines, alpaca, trades, events } = await e2e();
  t.log(lines('executeOrders').slice(-15).join('\n'));
  t.log(alpaca.requests.filter((r) => r.endpoint === 'trading').map((r) => `${r.method} ${r.path} ${r.status}`));
  t.log([...events.messages, ...trades.messages].map((m) => m.attributes.type));
});

/** A signal published by hand is decided now (an older one is not entered). */
const justNow = () => new Date().toISOString();

type OrderBody = { client_order_id: string; side: string; type: string; qty: string; symbol: string };
const orderPosts = (requests: readonly RequestLog[], signalId: string) =>
  requests
    .filter((r) => r.method === 'POST' && r.path === '/v2/orders')
    .map((r) => ({ status: r.status, body: r.body as OrderBody }))
    .filter((r) => r.body.client_order_id.includes(signalId));

async function tradeStore() {
  const { firestore } = await e2e();
  return openFirestoreTradeStore({ firestore, environment: 'dev' });
}

test.serial(
  'a created signal through a filled paper order at the local Alpaca, then TP1 and the breakeven stop of one bar (in either order)',
  async (t) => {
    const { bus, events, alpaca, scanOn } = await e2e();
    const trades = await tradeStore();
    await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, scanOn('2024-02-09')));
    const [createdMessage] = await events.until((received) => received.length >= 1, 60_000);
    const { signalId } = JSON.parse(createdMessage.data.toString('utf8')) as { signalId: string };
    const entryId = clientOrderIdFor(signalId, 'all', 'entry');
    const stopId = clientOrderIdFor(signalId, 'all', 'stop');
    await eventually('the entry and its protective stop at the paper server', () =>
      orderPosts(alpaca.requests, signalId).length >= 2 ? true : undefined,
    );
    const [entry, stop] = orderPosts(alpaca.requests, signalId);
    t.like(entry, { status: 200, body: { symbol: 'BTC/USD', side: 'buy', type: 'market', client_order_id: entryId } });
    t.like(stop, { status: 200, body: { side: 'sell', type: 'stop_limit', client_order_id: stopId, qty: entry.body.qty } });
    const held = Number(entry.body.qty);
    t.true(held > 0);
    t.is(alpaca.trading.positionQty('BTC/USD'), held, 'the paper entry filled');
    const opened = await eventually('the open position record', async () => {
      const position = await trades.getPosition(signalId);
      return position !== null && position.qty === held ? position : undefined;
    });
    t.like(opened, { status: 'open', mode: 'alpaca', avgEntryPrice: PRICE, symbol: 'BTC/USD' });
    t.like(await trades.getOrder(entryId), { status: 'filled', filledQty: held, filledAvgPrice: PRICE });

    // The 2024-02-09 bar reaches TP1, then falls back to the breakeven stop: two lifecycle events at once, in any order.
    await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, scanOn('2024-02-10')));
    await events.until((received) => received.length >= 3, 60_000);
    const closed = await eventually(
      'the position record closed',
      async () => {
        const position = await trades.getPosition(signalId);
        return position?.status === 'closed' ? position : undefined;
      },
      60_000,
    );
    t.like(closed, { closeReason: 'stopped', qty: 0 });
    t.is(alpaca.trading.positionQty('BTC/USD'), 0, 'nothing left at the paper server');
    t.deepEqual(
      alpaca.trading.orders.filter((o) => ['new', 'held', 'partially_filled', 'accepted'].includes(o.status)),
      [],
      'no order left working (the protective stop was canceled before the close)',
    );
    const posts = orderPosts(alpaca.requests, signalId);
    const ids = posts.map((p) => p.body.client_order_id);
    t.deepEqual([...new Set(ids)], ids, 'each order posted once');
    t.true(
      posts.every((p) => p.status === 200),
      'every post accepted',
    );
    const sells = posts.filter((p) => p.body.side === 'sell' && p.body.type === 'market');
    t.true(ids.includes(clientOrderIdFor(signalId, 'all', 'close')), 'the stop-out closes the rest at market');
    // TP1 (when it came before the stop) sold tranche a after shrinking the stop, and the close sold what stayed.
    const tp1 = posts.find((p) => p.body.client_order_id === clientOrderIdFor(signalId, 'a', 'exit-tp1'));
    if (tp1 !== undefined) {
      const shrink = alpaca.requests.find(
        (r) => r.method === 'PATCH' && (r.body as { qty?: string } | undefined)?.qty !== undefined,
      );
      t.truthy(shrink, 'the stop was shrunk before the TP1 sell');
      t.true(alpaca.requests.indexOf(shrink as RequestLog) < alpaca.requests.findIndex((r) => r.body === tp1.body));
    }
    t.is(Number(sells.reduce((sum, p) => sum + Number(p.body.qty), 0).toFixed(9)), held, 'sold exactly what was bought');
    const recorded = await trades.listOrders({ signalId });
    t.true(
      recorded.filter((o) => o.side === 'sell' && o.type === 'market').every((o) => o.status === 'filled'),
      'the store has the exits filled',
    );
    t.like(
      recorded.find((o) => o.clientOrderId === stopId),
      { status: 'canceled' },
    );
  },
);

test.serial('a stop that overtakes its signal.created is retried until the entry is in, then closes it', async (t) => {
  const { bus, alpaca, lines, deadLetters } = await e2e();
  const trades = await tradeStore();
  const signal = cryptoSignal({
    signalId: '3c1f0e2d-4b5a-5c6d-8e7f-9a0b1c2d3e4f',
    entry: 45_300,
    stop: 44_300,
    createdAt: justNow(),
  });
  const stopped = step('signal.stopped', signal, 2, 44_300, {
    status: 'STOPPED',
    currentStop: 44_300,
    openFraction: 0,
    exitReason: 'STOP',
  });
  const failuresBefore = lines('executeOrders').filter((line) => line.includes('EntryNotRecordedError')).length;
  await bus.publish(TOPICS.events, encodeMessage(signalEventKind, stopped));
  await eventually('executeOrders to refuse the early stop (a transient failure)', () =>
    lines('executeOrders').filter((line) => line.includes('EntryNotRecordedError')).length > failuresBefore ? true : undefined,
  );
  t.deepEqual(orderPosts(alpaca.requests, signal.signalId), [], 'nothing sent for the stop before the entry');
  await bus.publish(TOPICS.events, encodeMessage(signalEventKind, created(signal)));
  const closed = await eventually(
    'the redelivered stop to close the position',
    async () => {
      const position = await trades.getPosition(signal.signalId);
      return position?.status === 'closed' ? position : undefined;
    },
    60_000,
  );
  t.like(closed, { closeReason: 'stopped', qty: 0 });
  t.deepEqual(
    orderPosts(alpaca.requests, signal.signalId).map((p) => `${p.body.side} ${p.body.type} ${p.body.client_order_id}`),
    [
      `buy market ${clientOrderIdFor(signal.signalId, 'all', 'entry')}`,
      `sell stop_limit ${clientOrderIdFor(signal.signalId, 'all', 'stop')}`,
      `sell market ${clientOrderIdFor(signal.signalId, 'all', 'close')}`,
    ],
  );
  t.is(alpaca.trading.positionQty('BTC/USD'), 0);
  t.false(
    deadLetters.messages.some((m) => m.attributes.type === 'signal.stopped'),
    'the early stop was not dead-lettered',
  );
});

test.serial(
  'TP1 shrinks the stop, sells tranche a and moves the stop to breakeven; the stop-out then cancels it and closes the rest',
  async (t) => {
    const { bus, alpaca } = await e2e();
    const trades = await tradeStore();
    const signal = cryptoSignal({
      signalId: '4d2e1f3a-5b6c-5d7e-8f9a-0b1c2d3e4f5a',
      entry: 45_300,
      stop: 44_300,
      tp1: 46_300,
      createdAt: justNow(),
    });
    const id = (leg: 'a' | 'all', action: 'entry' | 'stop' | 'exit-tp1' | 'close') =>
      clientOrderIdFor(signal.signalId, leg, action);
    const changesSince = (start: number) =>
      alpaca.requests
        .slice(start)
        .filter((r) => r.endpoint === 'trading' && r.method !== 'GET')
        .map((r) => ({ method: r.method, body: r.body as Record<string, string> | undefined }));
    alpaca.trading.setPrice('BTC/USD', PRICE);
    await bus.publish(TOPICS.events, encodeMessage(signalEventKind, created(signal)));
    const opened = await eventually('the entry and its stop', async () => {
      const position = await trades.getPosition(signal.signalId);
      return position !== null && position.qty > 0 && (await trades.getOrder(id('all', 'stop'))) !== null ? position : undefined;
    });
    const tranche = opened.tranches.find((t) => t.leg === 'a')?.qty ?? 0;
    t.true(tranche > 0 && tranche < opened.qty, 'tranche a is part of the position');

    alpaca.trading.setPrice('BTC/USD', 46_300);
    let start = alpaca.requests.length;
    await bus.publish(
      TOPICS.events,
      encodeMessage(
        signalEventKind,
        step('signal.tp1', signal, 1, 46_300, { status: 'TP1_HIT', currentStop: 45_300, openFraction: 0.5 }),
      ),
    );
    await eventually('the breakeven stop', () => (changesSince(start).length >= 3 ? true : undefined));
    const remaining = Number((opened.qty - tranche).toFixed(9));
    t.like(changesSince(start), [
      { method: 'PATCH', body: { qty: String(remaining) } },
      { method: 'POST', body: { client_order_id: id('a', 'exit-tp1'), side: 'sell', type: 'market', qty: String(tranche) } },
      { method: 'PATCH', body: { stop_price: '45300' } },
    ]);
    t.is(alpaca.trading.positionQty('BTC/USD'), remaining, 'the paper server holds what stays');
    await eventually('the TP1 record', async () =>
      (await trades.getPosition(signal.signalId))?.qty === remaining ? true : undefined,
    );
    t.like(await trades.getOrder(id('all', 'stop')), { qty: remaining, stopPrice: 45_300, status: 'new' });

    start = alpaca.requests.length;
    await bus.publish(
      TOPICS.events,
      encodeMessage(
        signalEventKind,
        step('signal.stopped', signal, 2, 45_300, {
          status: 'STOPPED',
          currentStop: 45_300,
          openFraction: 0,
          exitReason: 'BREAKEVEN_STOP',
        }),
      ),
    );
    const closed = await eventually('the position closed', async () => {
      const position = await trades.getPosition(signal.signalId);
      return position?.status === 'closed' ? position : undefined;
    });
    t.like(changesSince(start), [
      { method: 'DELETE' },
      { method: 'POST', body: { client_order_id: id('all', 'close'), side: 'sell', qty: String(remaining) } },
    ]);
    t.like(closed, { closeReason: 'stopped', qty: 0 });
    t.true(closed.realizedPnl > 0, 'half taken at TP1, the rest sold above the entry');
    t.is(alpaca.trading.positionQty('BTC/USD'), 0);
    t.like(await trades.getOrder(id('all', 'stop')), { status: 'canceled' });
  },
);
