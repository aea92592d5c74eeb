import type { BarLedgerStore } from './bar-ledger-store.port.js';
import type { DeadLetterStore } from './dead-letter-store.port.js';
import type { DeliveryStore } from './delivery-store.port.js';
import type { ExpiryStore } from './expiry-store.port.js';
import type { OutboxStore } from './outbox-store.port.js';
import type { SignalStore } from './signal-store.port.js';

export * from './bar-ledger-store.port.js';
export * from './dead-letter-store.port.js';
export * from './delivery-store.port.js';
export * from './expiry-store.port.js';
export * from './outbox-store.port.js';
export * from './signal-store.port.js';

/** Closes what the store opened (a SQLite file); a store on a shared client closes nothing. */
export interface ClosableStore {
  close(): Promise<void>;
}

/**
 * Where state lives: SQLite locally, Firestore in production, one port per aggregate, each with its contract
 * suite in test/contract/. A function depends on the ports it uses; this is all of them. Times are ISO-8601
 * UTC strings chosen by the caller (no store reads the clock), and rows expire at their `deleteAt` (ttl.ts).
 */
export type StateStore = SignalStore &
  OutboxStore &
  DeliveryStore &
  DeadLetterStore &
  BarLedgerStore &
  ExpiryStore &
  ClosableStore;
