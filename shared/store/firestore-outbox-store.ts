import { firestoreSdk } from './firestore-client.js';
import { runTransaction } from './firestore-transaction.js';
import type { CollectionReference, Firestore, Transaction } from '@google-cloud/firestore';
import { z } from 'zod';
import { SignalEventSchema } from '../messages/events.js';
import type { SignalEvent } from '../messages/events.js';
import { toCheckedJson } from '../messages/json-document.js';
import { TOPICS } from '../messages/topics.js';
import { deleteAtOf, docIdOf, storedDoc, storedFields } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import type { OutboxStore } from './outbox-store.port.js';
import { epochMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

/** An outbox document about to be written; `delete_at` stays null until the event is published (it never expires before). */
export interface OutboxRecord {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Checks and lays out events for the outbox, before any transaction opens (a bad event is the caller's bug). */
export function outboxRecords(events: readonly SignalEvent[]): OutboxRecord[] {
  const byId = new Map<string, OutboxRecord>();
  for (const event of events) {
    const fields = {
      event_id: event.eventId,
      topic: TOPICS.events,
      type: event.type,
      signal_id: event.signalId,
      occurred_at_ms: epochMs(event.occurredAt, 'event.occurredAt'),
      published: false,
      published_at: null,
      delete_at: null,
      doc: toCheckedJson(SignalEventSchema, event, 'event'),
    };
    if (!byId.has(event.eventId)) byId.set(event.eventId, { id: docIdOf('event.eventId', event.eventId), fields });
  }
  return [...byId.values()];
}

/** The records whose event id is not in the outbox yet: the transaction's reads, so call it before any write. */
export async function absentEvents(
  tx: Transaction,
  outbox: CollectionReference,
  records: readonly OutboxRecord[],
): Promise<OutboxRecord[]> {
  if (records.length === 0) return [];
  const snapshots = await tx.getAll(...records.map((record) => outbox.doc(record.id)));
  return records.filter((_, i) => !snapshots[i].exists);
}

/**
 * Writes events in the transaction. `written_at` (the commit time) and `seq` (the position within the
 * commit) give the write order that breaks ties between equal `occurredAt`, as SQLite's row id does.
 */
export function writeEvents(tx: Transaction, outbox: CollectionReference, records: readonly OutboxRecord[]): void {
  records.forEach((record, seq) =>
    tx.create(outbox.doc(record.id), { ...record.fields, written_at: firestoreSdk().FieldValue.serverTimestamp(), seq }),
  );
}

const OutboxFields = z.object({ topic: z.string(), published_at: z.string().nullable() });
const MAX_WRITES_PER_COMMIT = 400;

/** The outbox reads and the publish mark. */
export function firestoreOutboxStore(firestore: Firestore, c: Collections, ttl: StoreTtl): OutboxStore {
  return {
    async pendingOutbox(limit) {
      if (limit <= 0) return [];
      const snapshot = await c.outbox
        .where('published', '==', false)
        .orderBy('occurred_at_ms')
        .orderBy('written_at')
        .orderBy('seq')
        .limit(limit)
        .get();
      return snapshot.docs.map((doc) => {
        const fields = storedFields(OutboxFields, doc, 'outbox event');
        return {
          event: storedDoc(SignalEventSchema, doc, 'outbox event'),
          topic: fields.topic,
          publishedAt: fields.published_at,
        };
      });
    },

    async markPublished(eventIds, at) {
      const deleteAt = deleteAtOf(epochMs(at, 'at') + ttl.publishedEventsMs);
      const refs = [...new Set(eventIds)].map((id) => c.outbox.doc(docIdOf('eventIds', id)));
      for (let start = 0; start < refs.length; start += MAX_WRITES_PER_COMMIT) {
        const chunk = refs.slice(start, start + MAX_WRITES_PER_COMMIT);
        await runTransaction(firestore, async (tx) => {
          const snapshots = await tx.getAll(...chunk);
          for (const snapshot of snapshots) {
            if (snapshot.exists && snapshot.get('published') === false) {
              tx.update(snapshot.ref, { published: true, published_at: at, delete_at: deleteAt });
            }
          }
        });
      }
    },
  };
}
