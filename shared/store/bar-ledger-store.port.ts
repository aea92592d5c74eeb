import type { Bar, Timeframe } from '../domain/bar.js';

/** The closed bars kept for one symbol and timeframe (oldest first), so a scan asks Alpaca only for what is new. */
export interface BarLedgerEntry {
  readonly bars: Bar[];
  /** When the entry was last written (ISO-8601 UTC, chosen by the caller). */
  readonly updatedAt: string;
}

/** The bar ledger: a cache of closed bars per symbol and timeframe. */
export interface BarLedgerStore {
  /** The ledgered bars of a symbol at a timeframe, or null when none are kept. */
  getBarLedger(symbol: string, timeframe: Timeframe): Promise<BarLedgerEntry | null>;
  /** Replaces the ledgered bars of a symbol at a timeframe (a cache: last write wins, no TTL). */
  putBarLedger(symbol: string, timeframe: Timeframe, bars: readonly Bar[], updatedAt: string): Promise<void>;
}
