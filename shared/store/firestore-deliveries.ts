import { FieldValue } from '@google-cloud/firestore';
import type { Firestore } from '@google-cloud/firestore';
import { toCheckedJson } from '../messages/json-document.js';
import { DeadLetterSchema, DeliverySchema } from './documents.js';
import { GRPC, deleteAtOf, docIdOf, hasGrpcCode, storedDoc } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import type { DeadLetter, Delivery } from './store.port.js';
import { epochMs, isoOf } from './ttl.js';
import type { StoreTtl } from './ttl.js';

/** Delivery claims and dead letters on Firestore; each delivery change is one transaction on its document. */
export function deliveryOperations(firestore: Firestore, c: Collections, ttl: StoreTtl) {
  const deliveryRef = (eventId: string, channel: string) => c.deliveries.doc(docIdOf('eventId, channel', eventId, channel));
  /** The stored form of a delivery; `delete_at` restarts at each claim or completion, as in SQLite. */
  const deliveryFields = (delivery: Delivery, nowMs: number) => ({
    event_id: delivery.eventId,
    channel: delivery.channel,
    state: delivery.state,
    delete_at: deleteAtOf(nowMs + ttl.deliveriesMs),
    doc: toCheckedJson(DeliverySchema, delivery, 'delivery'),
  });

  return {
    async claimDelivery(eventId: string, channel: string, now: string, leaseMs: number): Promise<'claimed' | 'sent' | 'in-progress'> {
      const nowMs = epochMs(now, 'now');
      const ref = deliveryRef(eventId, channel);
      const claim = { claimedAt: now, leaseUntil: isoOf(nowMs + leaseMs) };
      return firestore.runTransaction(async (tx) => {
        const snapshot = await tx.get(ref);
        if (!snapshot.exists) {
          const fresh: Delivery = { eventId, channel, state: 'in-progress', attempts: 1, ...claim, messageId: null, sentAt: null };
          tx.create(ref, deliveryFields(fresh, nowMs));
          return 'claimed' as const;
        }
        const current = storedDoc(DeliverySchema, snapshot, 'stored delivery');
        if (current.state === 'sent') return 'sent' as const;
        if (epochMs(current.leaseUntil, 'leaseUntil') > nowMs) return 'in-progress' as const;
        tx.set(ref, deliveryFields({ ...current, attempts: current.attempts + 1, ...claim }, nowMs));
        return 'claimed' as const;
      });
    },

    async completeDelivery(eventId: string, channel: string, receipt: { readonly messageId: string }, now: string): Promise<void> {
      const nowMs = epochMs(now, 'now');
      const ref = deliveryRef(eventId, channel);
      await firestore.runTransaction(async (tx) => {
        const snapshot = await tx.get(ref);
        const current: Delivery = snapshot.exists
          ? storedDoc(DeliverySchema, snapshot, 'stored delivery')
          : { eventId, channel, state: 'sent', attempts: 1, claimedAt: now, leaseUntil: isoOf(nowMs), messageId: null, sentAt: null };
        tx.set(ref, deliveryFields({ ...current, state: 'sent', messageId: receipt.messageId, sentAt: now }, nowMs));
      });
    },

    async releaseDelivery(eventId: string, channel: string): Promise<void> {
      const ref = deliveryRef(eventId, channel);
      await firestore.runTransaction(async (tx) => {
        const snapshot = await tx.get(ref);
        if (!snapshot.exists) return;
        const current = storedDoc(DeliverySchema, snapshot, 'stored delivery');
        if (current.state !== 'in-progress') return;
        tx.update(ref, { doc: toCheckedJson(DeliverySchema, { ...current, leaseUntil: isoOf(0) }, 'delivery') });
      });
    },

    async getDelivery(eventId: string, channel: string): Promise<Delivery | null> {
      const snapshot = await deliveryRef(eventId, channel).get();
      return snapshot.exists ? storedDoc(DeliverySchema, snapshot, 'stored delivery') : null;
    },

    /** `create()` fails with ALREADY_EXISTS on a known id: no transaction needed for insert-if-absent. */
    async recordDeadLetter(letter: DeadLetter): Promise<'recorded' | 'exists'> {
      const atMs = epochMs(letter.at, 'letter.at');
      const fields = {
        at_ms: atMs,
        written_at: FieldValue.serverTimestamp(),
        delete_at: deleteAtOf(atMs + ttl.deadLettersMs),
        doc: toCheckedJson(DeadLetterSchema, letter, 'letter'),
      };
      try {
        await c.deadLetters.doc(docIdOf('letter.id', letter.id)).create(fields);
        return 'recorded';
      } catch (error) {
        if (hasGrpcCode(error, GRPC.ALREADY_EXISTS)) return 'exists';
        throw error;
      }
    },

    /** Newest first; equal times newest write first (SQLite's `seq DESC`). */
    async listDeadLetters(limit: number): Promise<DeadLetter[]> {
      if (limit <= 0) return [];
      const snapshot = await c.deadLetters.orderBy('at_ms', 'desc').orderBy('written_at', 'desc').limit(limit).get();
      return snapshot.docs.map((doc) => storedDoc(DeadLetterSchema, doc, 'stored dead letter'));
    },
  };
}
