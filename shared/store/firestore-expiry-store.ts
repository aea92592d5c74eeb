import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { GRPC, deleteAtOf, hasGrpcCode } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import type { ExpiryStore } from './expiry-store.port.js';
import { epochMs } from './ttl.js';

/** Firestore allows 500 writes per commit; the reference system deletes 400 at a time (spec §5.1). */
const BATCH = 400;

/**
 * Deletes the documents of one collection whose `delete_at` is at or before `cutoff`, 400 per commit.
 * Each delete requires the document to be unchanged since the query, so a row whose TTL was just extended
 * survives: such a batch fails as a whole and the next round queries again.
 */
async function deleteExpiredIn(firestore: Firestore, collection: CollectionReference, cutoffMs: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const snapshot = await collection.where('delete_at', '<=', deleteAtOf(cutoffMs)).select().limit(BATCH).get();
    if (snapshot.empty) return deleted;
    const batch = firestore.batch();
    for (const doc of snapshot.docs) batch.delete(doc.ref, { lastUpdateTime: doc.updateTime });
    try {
      await batch.commit();
      deleted += snapshot.size;
    } catch (error) {
      if (!hasGrpcCode(error, GRPC.FAILED_PRECONDITION)) throw error;
      continue;
    }
    if (snapshot.size < BATCH) return deleted;
  }
}

/**
 * The in-app twin of the native TTL policy on `delete_at` (the emulator has none): deletes every expired
 * document of the store's collections and returns how many. A null `delete_at` (an unpublished event) never matches.
 */
export function firestoreExpiryStore(firestore: Firestore, c: Collections): ExpiryStore {
  return {
    async deleteExpired(now) {
      const cutoffMs = epochMs(now, 'now');
      const counts = await Promise.all(Object.values(c).map((collection) => deleteExpiredIn(firestore, collection, cutoffMs)));
      return counts.reduce((sum, n) => sum + n, 0);
    },
  };
}
