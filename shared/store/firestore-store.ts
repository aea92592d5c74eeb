import type { Firestore } from '@google-cloud/firestore';
import { firestoreBarLedgerStore } from './firestore-bar-ledger-store.js';
import { collectionsFor } from './firestore-collections.js';
import { firestoreDeadLetterStore } from './firestore-dead-letter-store.js';
import { firestoreDeliveryStore } from './firestore-delivery-store.js';
import { firestoreExpiryStore } from './firestore-expiry-store.js';
import { firestoreOutboxStore } from './firestore-outbox-store.js';
import { firestoreSignalStore } from './firestore-signal-store.js';
import type { StateStore } from './store.port.js';
import { DEFAULT_TTL } from './ttl.js';
import type { StoreTtl } from './ttl.js';

/** Which client, environment and collections the Firestore store uses. */
export interface FirestoreStoreOptions {
  /** The instance's client; the store never closes it (the emulator host comes from `FIRESTORE_EMULATOR_HOST`). */
  readonly firestore: Firestore;
  /** `prod` uses `live_` collections, `dev` uses `test_` collections (DESIGN §5). */
  readonly environment: 'dev' | 'prod';
  /** Put after the environment prefix, to isolate one test run (`test_<run>_signals`); letters, digits, `_`, `-`. */
  readonly prefix?: string;
  readonly ttl?: Partial<StoreTtl>;
}

/**
 * The production state store on Firestore: the same checked JSON documents as SQLite, every write that
 * changes a signal one transaction with its outbox events, `delete_at` Timestamps for the native TTL policy.
 */
export function openFirestoreStore(options: FirestoreStoreOptions): StateStore {
  const { firestore } = options;
  const collections = collectionsFor(firestore, options.environment, options.prefix);
  const ttl: StoreTtl = { ...DEFAULT_TTL, ...options.ttl };
  return {
    ...firestoreSignalStore(firestore, collections, ttl),
    ...firestoreOutboxStore(firestore, collections, ttl),
    ...firestoreDeliveryStore(firestore, collections, ttl),
    ...firestoreDeadLetterStore(collections, ttl),
    ...firestoreBarLedgerStore(collections),
    ...firestoreExpiryStore(firestore, collections),
    close: () => Promise.resolve(),
  };
}
