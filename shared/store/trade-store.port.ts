import type { AccountSnapshot, JournalEntry, OrderRecord, PositionRecord } from '../trading/trade-records.js';

/** Which orders to list. */
export interface OrderQuery {
  readonly signalId?: string;
}

/**
 * Where paper trading keeps its own documents (DESIGN §15: executeOrders and reconcile are their only writers; no
 * signal is written here): orders, positions, the trade journal and account snapshots. SQLite locally, Firestore
 * in production; both pass test/contract/trade-store.contract.ts. Times are chosen by the caller.
 */
export interface TradeStore {
  getOrder(clientOrderId: string): Promise<OrderRecord | null>;
  /** Creates or replaces the order under its client order id. */
  putOrder(order: OrderRecord): Promise<void>;
  /** Orders, oldest submission first (then client order id). */
  listOrders(query?: OrderQuery): Promise<OrderRecord[]>;
  getPosition(signalId: string): Promise<PositionRecord | null>;
  putPosition(position: PositionRecord): Promise<void>;
  /** Positions, oldest opening first (then signal id). */
  listPositions(status?: PositionRecord['status']): Promise<PositionRecord[]>;
  /** Appends one entry; an entry whose id exists is left as it was. */
  appendJournal(entry: JournalEntry): Promise<'recorded' | 'exists'>;
  /** Journal entries, oldest first; of one signal when given. */
  listJournal(query: { readonly signalId?: string; readonly limit: number }): Promise<JournalEntry[]>;
  /** Creates or replaces the snapshot with its id. */
  putAccountSnapshot(snapshot: AccountSnapshot): Promise<void>;
  /** Snapshots, newest first. */
  listAccountSnapshots(limit: number): Promise<AccountSnapshot[]>;
  close(): Promise<void>;
}
