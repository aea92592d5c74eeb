import type { Firestore } from '@google-cloud/firestore';
import { collectionPrefix } from '../config/index.js';
import { pauseStateOf } from './pause-flag.js';
import type { PauseFlag, PauseState } from './pause-flag.js';

/** The flag as the document `<live|test>_<prefix>control/pause` (no TTL: it stays until `sentinel resume`). */
export function firestorePauseFlag(firestore: Firestore, environment: 'dev' | 'prod', prefix = ''): PauseFlag {
  const doc = firestore.collection(`${collectionPrefix({ environment })}${prefix}control`).doc('pause');
  return {
    get: async () => {
      const snapshot = await doc.get();
      return snapshot.exists ? pauseStateOf(snapshot.data()) : pauseStateOf({ paused: false });
    },
    set: async (state: PauseState) => {
      await doc.set({ ...state });
    },
  };
}
