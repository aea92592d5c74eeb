import { Firestore } from '@google-cloud/firestore';
import test from 'ava';
import { startEmulator } from '../../scripts/emulators/emulators.js';
import type { RunningEmulator } from '../../scripts/emulators/emulators.js';

/** The fake project every emulator test uses. */
export const EMULATOR_PROJECT_ID = 'sentinel-test';

/** The emulator's `host:port` and a client on it. */
export interface FirestoreEmulator {
  readonly host: string;
  readonly firestore: Firestore;
}

/**
 * A Firestore client on the emulator, for one test file: the one at `FIRESTORE_EMULATOR_HOST` when set (CI
 * starts one for the whole run), else one started on a free port at first use. The client and an emulator
 * started here are stopped when the file's tests end (or, failing that, when its process exits).
 */
export function useFirestoreEmulator(): () => Promise<FirestoreEmulator> {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  let emulator: RunningEmulator | undefined;
  let client: Promise<FirestoreEmulator> | undefined;
  const connect = async () => {
    let host = process.env.FIRESTORE_EMULATOR_HOST;
    if (!host) {
      const started = await startEmulator('firestore');
      process.once('exit', () => started.stop());
      emulator = started;
      host = started.host;
    }
    return { host, firestore: new Firestore({ projectId: EMULATOR_PROJECT_ID, host, ssl: false }) };
  };
  test.after.always('stop the Firestore client and emulator', async () => {
    try {
      if (client) await (await client).firestore.terminate();
    } finally {
      emulator?.stop();
    }
  });
  return () => (client ??= connect());
}
