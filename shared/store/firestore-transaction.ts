import type { Firestore, Transaction } from '@google-cloud/firestore';

const INVALID_ARGUMENT = 3;
const ATTEMPTS = 3;

/**
 * A transaction the server forgot between its reads and its commit: the Firestore emulator answers a contended
 * transaction so (INVALID_ARGUMENT, firebase-tools#6758) where Firestore answers ABORTED, which the client retries
 * itself. Nothing was written, so running the transaction again is safe.
 */
function isForgottenTransaction(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === INVALID_ARGUMENT && typeof message === 'string' && message.includes('Transaction is invalid or closed');
}

/** `firestore.runTransaction(work)`, run again (up to three times in all) when the server forgot the transaction. */
export async function runTransaction<T>(firestore: Firestore, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await firestore.runTransaction(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isForgottenTransaction(error)) throw error;
    }
  }
}
