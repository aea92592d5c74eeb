import type { Firestore } from '@google-cloud/firestore';
import { collectionsFor } from '../firestore-collections.js';
import { decodeBackupValue, encodeValue } from './backup-format.js';
import type { BackupRow, StoreBackup } from './backup-format.js';

/** Where a Firestore store lives: its client (project and database), environment and optional run prefix. */
export interface FirestoreStoreLocation {
  readonly firestore: Firestore;
  readonly environment: 'dev' | 'prod';
  readonly prefix?: string;
}

const BATCH = 400;

/** Every document of the store's collections, with its id and fields (Timestamps encoded). */
export async function exportFirestoreStore(location: FirestoreStoreLocation, now: Date): Promise<StoreBackup> {
  const collections = collectionsFor(location.firestore, location.environment, location.prefix);
  const out: Record<string, BackupRow[]> = {};
  for (const [name, collection] of Object.entries(collections)) {
    const snapshot = await collection.get();
    out[name] = snapshot.docs.map((doc) => ({ id: doc.id, fields: encodeValue(doc.data()) as Record<string, unknown> }));
  }
  return {
    format: 'crypto-sentinel-backup',
    version: 1,
    store: 'firestore',
    environment: location.environment,
    createdAt: now.toISOString(),
    collections: out,
  };
}

/**
 * Writes every document of `backup` into the store at `location` (a new database or prefix for a drill), 400 per
 * commit; a document that exists is replaced. Returns how many were written.
 */
export async function importFirestoreStore(location: FirestoreStoreLocation, backup: StoreBackup): Promise<number> {
  const collections = collectionsFor(location.firestore, location.environment, location.prefix);
  let written = 0;
  for (const [name, collection] of Object.entries(collections)) {
    const rows = backup.collections[name] ?? [];
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = location.firestore.batch();
      for (const row of rows.slice(i, i + BATCH)) {
        if (row.id === undefined) continue;
        batch.set(collection.doc(row.id), decodeBackupValue(row.fields) as Record<string, unknown>);
        written++;
      }
      await batch.commit();
    }
  }
  return written;
}
