/** Expiry across every aggregate of a store (ttl.ts says how long each kind of row lives). */
export interface ExpiryStore {
  /** Deletes every row whose `deleteAt` is at or before `now` (Firestore's TTL policy); returns how many. */
  deleteExpired(now: string): Promise<number>;
}
