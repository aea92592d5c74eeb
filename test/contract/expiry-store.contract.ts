import type { StateStore } from '../../shared/store/store.port.js';
import { nowAfter } from '../functions/persist-state/signal-factory.js';
import { createdEvent, deadLetter, signalOn } from './store-fixtures.js';
import type { WithStore } from './with-store.js';

const DAY_MS = 86_400_000;
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Expiry across the aggregates: rows past their TTL go, an unpublished event never does. */
export function registerExpiryStoreContract(withStore: WithStore<StateStore>): void {
  withStore(
    'deletes terminal rows past their wall-clock TTL; never an open signal, an unpublished event or a delivery key',
    async (t, store) => {
      const ended = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0, { status: 'STOPPED' });
      const open = signalOn('ETH/USD', 'BULLISH_ENGULFING', 0);
      await store.createSignalIfAbsent(ended, [createdEvent(ended)]);
      await store.createSignalIfAbsent(open, [createdEvent(open)]);
      await store.markPublished([createdEvent(open).eventId], nowAfter(1));
      await store.claimDelivery(createdEvent(open).eventId, 'discord', nowAfter(1), 30_000);
      await store.recordDeadLetter(deadLetter('dl-1', nowAfter(0)));
      // Expiry counts from the wall clock of the write (DESIGN decision 16), not from the replayed times in the documents.
      t.is(
        await store.deleteExpired(later(new Date().toISOString(), 29 * DAY_MS)),
        2,
        'the published event and the dead letter only',
      );
      t.deepEqual(await store.getSignal(ended.signalId), ended, 'a terminal signal lives 30 days from its write');
      t.is(await store.deleteExpired(later(new Date().toISOString(), 31 * DAY_MS)), 1, 'then the terminal signal');
      t.is(await store.getSignal(ended.signalId), null);
      t.deepEqual(await store.getSignal(open.signalId), open, 'an open signal never expires');
      t.deepEqual(
        (await store.pendingOutbox(10)).map((entry) => entry.event.signalId),
        [ended.signalId],
      );
      t.is(
        await store.claimDelivery(createdEvent(open).eventId, 'discord', nowAfter(1), 30_000),
        'in-progress',
        'the delivery key is still there',
      );
    },
  );
}
