import test from 'ava';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import { TradeEventSchema } from '../../../shared/messages/trade-events.js';
import type { TradeEvent } from '../../../shared/messages/trade-events.js';
import { openSqliteTradeStore } from '../../../shared/store/sqlite-trade-store.js';
import { createSimulatedBroker } from '../../../shared/trading/simulated-broker.js';
import { createExecuteOrders } from '../../../functions/execute-orders/index.js';
import { captureLogger } from '../../shared/log/capture.js';
import { LIMITS, created, cryptoSignal, step } from './trading-fixture.js';

const DAY_ONE = '2024-03-04T12:00:05.000Z';

function simulated() {
  const trades = openSqliteTradeStore({ path: ':memory:', environment: 'dev' });
  const broker = createSimulatedBroker({
    store: trades,
    startingEquityUsd: 100_000,
    feeBps: { CRYPTO: 0, EQUITY: 0 },
    slippageBps: 0,
    now: () => new Date(),
  });
  const bus = new InProcessBus({ backoff: async () => {} });
  const published: TradeEvent[] = [];
  bus.subscribe({ name: 'observer', topic: 'events' }, async (event) => {
    const parsed = TradeEventSchema.safeParse(JSON.parse(Buffer.from(readPushMessage(event).data, 'base64').toString('utf8')));
    if (parsed.success) published.push(parsed.data);
  });
  bus.subscribe(
    { name: 'execute-orders', topic: 'events' },
    createExecuteOrders({
      bus,
      log: captureLogger().logger,
      now: () => new Date(),
      maxEventAgeMs: 3_600_000,
      trades,
      broker,
      limits: { ...LIMITS, maxDailyDrawdownFraction: 0.01 },
      maxDeliveryAttempts: 5,
      paused: async () => false,
      dailyBars: async () => [],
    }),
  );
  return {
    trades,
    broker,
    published,
    async deliver(...events: SignalEvent[]) {
      for (const event of events) await bus.publish('events', encodeMessage(signalEventKind, event));
      await bus.drain();
    },
  };
}

test('the simulated account reports last_equity as the equity at the previous day’s close (UTC)', async (t) => {
  const sim = simulated();
  t.teardown(() => sim.trades.close());
  const first = cryptoSignal({ updatedAt: DAY_ONE });
  await sim.deliver(created(first));
  t.like(await sim.broker.account(DAY_ONE), { equity: 100_000, lastEquity: 100_000 }, 'bought at 62 000, valued there');
  await sim.deliver({
    ...step('signal.stopped', first, 2, 50_000, { status: 'STOPPED', currentStop: 60_500, openFraction: 0, exitReason: 'STOP' }),
    occurredAt: '2024-03-05T09:00:00.000Z',
  });
  t.like(await sim.broker.account('2024-03-05T10:00:00.000Z'), { equity: 98_800, lastEquity: 100_000 });
  t.like(await sim.broker.account('2024-03-06T10:00:00.000Z'), { equity: 98_800, lastEquity: 98_800 });
});

test('in simulation the daily drawdown gate refuses an entry after a losing day, and lets the next day trade', async (t) => {
  const sim = simulated();
  t.teardown(() => sim.trades.close());
  const first = cryptoSignal({ updatedAt: DAY_ONE });
  await sim.deliver(created(first), {
    ...step('signal.stopped', first, 2, 50_000, { status: 'STOPPED', currentStop: 60_500, openFraction: 0, exitReason: 'STOP' }),
    occurredAt: '2024-03-05T09:00:00.000Z',
  });
  t.like(await sim.trades.getPosition(first.signalId), { status: 'closed', realizedPnl: -1_200 });

  const sameDay = cryptoSignal({ signalId: '1d2c3b4a-5f6e-5d7c-8b9a-0f1e2d3c4b5a', updatedAt: '2024-03-05T12:00:00.000Z' });
  await sim.deliver(created(sameDay));
  t.like(sim.published.at(-1), {
    type: 'trade.skipped',
    signalId: sameDay.signalId,
    gate: 'daily-drawdown',
    figures: { equity: 98_800, lastEquity: 100_000 },
  });
  t.is(await sim.trades.getPosition(sameDay.signalId), null, 'no entry');

  const nextDay = cryptoSignal({ signalId: '2e3d4c5b-6a7f-5e8d-9c0b-1a2f3e4d5c6b', updatedAt: '2024-03-06T12:00:00.000Z' });
  await sim.deliver(created(nextDay));
  t.like(await sim.trades.getPosition(nextDay.signalId), { status: 'open', qty: 0.1, mode: 'simulated' });
});
