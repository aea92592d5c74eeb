import { runTransaction } from './firestore-transaction.js';
import type { Firestore } from '@google-cloud/firestore';
import { toCheckedJson } from '../messages/json-document.js';
import { DeliverySchema } from './documents.js';
import { deleteAtOf, docIdOf, storedDoc } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import type { Delivery, DeliveryStore } from './delivery-store.port.js';
import { epochMs, isoOf } from './ttl.js';
import type { StoreTtl } from './ttl.js';

/** Delivery claims on Firestore; each delivery change is one transaction on its document. */
export function firestoreDeliveryStore(firestore: Firestore, c: Collections, ttl: StoreTtl): DeliveryStore {
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
    async claimDelivery(eventId, channel, now, leaseMs) {
      const nowMs = epochMs(now, 'now');
      const ref = deliveryRef(eventId, channel);
      const claim = { claimedAt: now, leaseUntil: isoOf(nowMs + leaseMs) };
      return runTransaction(firestore, async (tx) => {
        const snapshot = await tx.get(ref);
        if (!snapshot.exists) {
          const fresh: Delivery = {
            eventId,
            channel,
            state: 'in-progress',
            attempts: 1,
            ...claim,
            messageId: null,
            sentAt: null,
          };
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

    async completeDelivery(eventId, channel, receipt, now) {
      const nowMs = epochMs(now, 'now');
      const ref = deliveryRef(eventId, channel);
      await runTransaction(firestore, async (tx) => {
        const snapshot = await tx.get(ref);
        const current: Delivery = snapshot.exists
          ? storedDoc(DeliverySchema, snapshot, 'stored delivery')
          : {
              eventId,
              channel,
              state: 'sent',
              attempts: 1,
              claimedAt: now,
              leaseUntil: isoOf(nowMs),
              messageId: null,
              sentAt: null,
            };
        tx.set(ref, deliveryFields({ ...current, state: 'sent', messageId: receipt.messageId, sentAt: now }, nowMs));
      });
    },

    async releaseDelivery(eventId, channel, claimedAt) {
      const ref = deliveryRef(eventId, channel);
      await runTransaction(firestore, async (tx) => {
        const snapshot = await tx.get(ref);
        if (!snapshot.exists) return;
        const current = storedDoc(DeliverySchema, snapshot, 'stored delivery');
        if (current.state !== 'in-progress' || current.claimedAt !== claimedAt) return;
        tx.update(ref, { doc: toCheckedJson(DeliverySchema, { ...current, leaseUntil: isoOf(0) }, 'delivery') });
      });
    },

    async getDelivery(eventId, channel) {
      const snapshot = await deliveryRef(eventId, channel).get();
      return snapshot.exists ? storedDoc(DeliverySchema, snapshot, 'stored delivery') : null;
    },
  };
}
