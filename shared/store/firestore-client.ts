import type { Firestore } from '@google-cloud/firestore';
import type * as FirestoreSdk from '@google-cloud/firestore';
import { lazyPackage } from '../runtime/lazy-package.js';
import { LOCAL_PROJECT_ID } from '../bus/pubsub-client.js';
import type { Config } from '../config/index.js';

/**
 * The instance's Firestore client. On Cloud the project comes from GOOGLE_CLOUD_PROJECT or the metadata server;
 * with FIRESTORE_EMULATOR_HOST (from the environment or `.env`) it talks to the emulator without credentials,
 * under the local project id when no project is configured.
 */
/** The Firestore client library, loaded on first use. */
export const firestoreSdk = lazyPackage<typeof FirestoreSdk>('@google-cloud/firestore');

export function createFirestoreClient(config: Pick<Config, 'gcp'>): Firestore {
  const { Firestore } = firestoreSdk();
  const { projectId, firestoreEmulatorHost: host, firestoreDatabaseId: databaseId } = config.gcp;
  if (host === undefined) return new Firestore({ projectId, databaseId });
  return new Firestore({ projectId: projectId ?? LOCAL_PROJECT_ID, databaseId, host, ssl: false });
}
