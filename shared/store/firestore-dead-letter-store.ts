import { firestoreSdk } from './firestore-client.js';
import { toCheckedJson } from '../messages/json-document.js';
import type { DeadLetterStore } from './dead-letter-store.port.js';
import { DeadLetterSchema } from './documents.js';
import { GRPC, deleteAtOf, docIdOf, hasGrpcCode, storedDoc } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import { epochMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

/** Dead letters on Firestore, one document per id. */
export function firestoreDeadLetterStore(c: Collections, ttl: StoreTtl): DeadLetterStore {
  return {
    /** `create()` fails with ALREADY_EXISTS on a known id: no transaction needed for insert-if-absent. */
    async recordDeadLetter(letter) {
      const atMs = epochMs(letter.at, 'letter.at');
      const fields = {
        at_ms: atMs,
        written_at: firestoreSdk().FieldValue.serverTimestamp(),
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
    async listDeadLetters(limit) {
      if (limit <= 0) return [];
      const snapshot = await c.deadLetters.orderBy('at_ms', 'desc').orderBy('written_at', 'desc').limit(limit).get();
      return snapshot.docs.map((doc) => storedDoc(DeadLetterSchema, doc, 'stored dead letter'));
    },
  };
}
