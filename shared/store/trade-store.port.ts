import type { AccountSnapshot, JournalEntry, OrderRecord, PositionRecord } from '../trading/trade-records.js';

/** Which orders to list. */
export interface OrderQuery {
  readonly signalId?: string;
}

/** The answer to a claim of the trade desk: taken, or held by another until its lease runs out. */
export type DeskClaim = { readonly taken: true } | { readonly taken: false; readonly holder: string; readonly until: string };

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
  /**
   * Takes the trade desk (the right to change orders and positions) for `holder` until `now` + `leaseMs`, unless
   * another holder has it and its lease has not run out at `now`. The holder that has it takes it again (a renewal).
   */
  claimDesk(holder: string, now: string, leaseMs: number): Promise<DeskClaim>;
  /** Gives the desk back if `holder` has it; otherwise nothing changes. */
  releaseDesk(holder: string): Promise<void>;
  close(): Promise<void>;
}
