import type { StateStore } from '../../shared/store/store.port.js';
import { nowAfter } from '../functions/persist-state/signal-factory.js';
import { createdEvent, deadLetter, signalOn } from './store-fixtures.js';
import type { WithStore } from './with-store.js';

const DAY_MS = 86_400_000;
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Expiry across the aggregates: rows past their TTL go, an unpublished event never does. */
export function registerExpiryStoreContract(withStore: WithStore<StateStore>): void {
  withStore('deletes rows past their TTL and never an unpublished event', async (t, store) => {
    const old = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0);
    const fresh = signalOn('ETH/USD', 'BULLISH_ENGULFING', 0, { updatedAt: later(nowAfter(0), 100 * DAY_MS) });
    await store.createSignalIfAbsent(old, [createdEvent(old)]);
    await store.createSignalIfAbsent(fresh, [createdEvent(fresh)]);
    await store.markPublished([createdEvent(fresh).eventId], nowAfter(1));
    await store.claimDelivery(createdEvent(fresh).eventId, 'discord', nowAfter(1), 30_000);
    await store.recordDeadLetter(deadLetter('dl-1', nowAfter(0)));
    const deleted = await store.deleteExpired(later(nowAfter(0), 181 * DAY_MS));
    t.is(deleted, 4, 'the old signal, the published event, the delivery and the dead letter');
    t.is(await store.getSignal(old.signalId), null);
    t.deepEqual(await store.getSignal(fresh.signalId), fresh);
    t.deepEqual((await store.pendingOutbox(10)).map((entry) => entry.event.signalId), [old.signalId]);
    t.is(await store.deleteExpired(later(nowAfter(0), 181 * DAY_MS)), 0);
  });
}
