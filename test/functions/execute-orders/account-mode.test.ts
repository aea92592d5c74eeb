import test from 'ava';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { encodeMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import type { TradeStore } from '../../../shared/store/trade-store.port.js';
import { journaled } from '../../../shared/trading/journaled-broker.js';
import { createSimulatedBroker } from '../../../shared/trading/simulated-broker.js';
import { createExecuteOrders } from '../../../functions/execute-orders/index.js';
import { captureLogger } from '../../shared/log/capture.js';
import { LIMITS, created, cryptoSignal, equitySignal, step, tradingHarness } from './trading-fixture.js';

/** executeOrders on the simulated broker over `trades`, as an instance with ENABLE_EXECUTION off; returns its log. */
async function simulatedInstance(trades: TradeStore, ...events: SignalEvent[]) {
  const capture = captureLogger();
  const broker = journaled(
    createSimulatedBroker({
      store: trades,
      startingEquityUsd: 100_000,
      feeBps: { CRYPTO: 0, EQUITY: 0 },
      slippageBps: 0,
      now: () => new Date(),
    }),
    trades,
    () => new Date(),
  );
  const bus = new InProcessBus({ backoff: async () => {} });
  bus.subscribe(
    { name: 'execute-orders', topic: 'events', maxDeliveryAttempts: 5, deadLetterTopic: 'dead-letters' },
    createExecuteOrders({
      bus,
      log: capture.logger,
      now: () => new Date(),
      maxEventAgeMs: 3_600_000,
      trades,
      broker,
      limits: LIMITS,
      maxDeliveryAttempts: 5,
      sleep: async () => {},
      paused: async () => false,
      dailyBars: async () => [],
    }),
  );
  for (const event of events) await bus.publish('events', encodeMessage(signalEventKind, event));
  await bus.drain();
  return capture;
}

const writes = (h: { server: { requests: readonly { method: string }[] } }) =>
  h.server.requests.filter((r) => r.method === 'POST' || r.method === 'DELETE' || r.method === 'PATCH').length;

test('ENABLE_EXECUTION turned on: a position the simulated broker opened is not sold at Alpaca when its stop comes', async (t) => {
  const h = await tradingHarness();
  try {
    const signal = equitySignal();
    await simulatedInstance(h.trades, created(signal));
    const opened = await h.trades.getPosition(signal.signalId);
    t.is(opened?.mode, 'simulated');
    t.true((opened?.qty ?? 0) > 0);
    const stopped = step('signal.stopped', signal, 2, 485, {
      status: 'STOPPED',
      currentStop: 485,
      openFraction: 0,
      exitReason: 'STOP',
    });
    await h.deliver(stopped, created(signal));
    t.is(writes(h), 0, 'no order, cancel or replace reached Alpaca for the simulated position');
    t.deepEqual(await h.trades.getPosition(signal.signalId), opened, 'the simulated record is left as it was');
  } finally {
    await h.close();
  }
});

test('ENABLE_EXECUTION turned off: a paper position is not traded by the simulated broker, and the instance says why', async (t) => {
  const h = await tradingHarness();
  try {
    const signal = cryptoSignal();
    await h.deliver(created(signal));
    const opened = await h.trades.getPosition(signal.signalId);
    t.is(opened?.mode, 'alpaca');
    const ordersBefore = await h.trades.listOrders({ signalId: signal.signalId });
    const tp1 = step('signal.tp1', signal, 2, 63_500, { status: 'TP1_HIT', currentStop: signal.entry, openFraction: 0.5 });
    const log = await simulatedInstance(h.trades, tp1);
    t.deepEqual(await h.trades.listOrders({ signalId: signal.signalId }), ordersBefore, 'no simulated sell of a paper holding');
    t.deepEqual(await h.trades.getPosition(signal.signalId), opened);
    t.true(
      log
        .entries()
        .some(
          (line) =>
            line.severity === 'WARNING' &&
            /opened on the alpaca account, and orders now go to simulated/.test(String(line.message)),
        ),
    );
  } finally {
    await h.close();
  }
});
