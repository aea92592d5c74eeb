import type { OutboxStore, SignalStore } from '../../shared/store/store.port.js';
import { nowAfter } from '../functions/persist-state/signal-factory.js';
import { createdEvent, signalOn } from './store-fixtures.js';
import type { WithStore } from './with-store.js';

/** The outbox: pending events in order, marked published once (events enter it through the signal store). */
export function registerOutboxStoreContract(withStore: WithStore<OutboxStore & SignalStore>): void {
  withStore('lists pending events oldest first, up to the limit, and drops them once marked published', async (t, store) => {
    const [a, b, c] = [
      signalOn('BTC/USD', 'BULLISH_ENGULFING', 2),
      signalOn('ETH/USD', 'BULLISH_HAMMER', 0),
      signalOn('SPY', 'DOUBLE_BOTTOM', 1),
    ];
    const occurredAt = [nowAfter(2), nowAfter(0), nowAfter(1)];
    for (const [i, signal] of [a, b, c].entries()) {
      await store.createSignalIfAbsent(signal, [{ ...createdEvent(signal), occurredAt: occurredAt[i] }]);
    }
    const pending = await store.pendingOutbox(10);
    t.deepEqual(
      pending.map((entry) => entry.event.signalId),
      [b.signalId, c.signalId, a.signalId],
    );
    t.true(pending.every((entry) => entry.topic === 'events' && entry.publishedAt === null));
    t.deepEqual(
      (await store.pendingOutbox(2)).map((entry) => entry.event.signalId),
      [b.signalId, c.signalId],
    );
    await store.markPublished([pending[0].event.eventId, 'e1b4a7a0-0000-5000-8000-000000000000'], nowAfter(5));
    await store.markPublished([pending[0].event.eventId], nowAfter(6));
    t.deepEqual(
      (await store.pendingOutbox(10)).map((entry) => entry.event.signalId),
      [c.signalId, a.signalId],
    );
  });
}
