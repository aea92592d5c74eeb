import type { Bar } from '../domain/bar.js';
import type { BarLedgerEntry, BarLedgerStore } from '../store/store.port.js';

/** The store's two ledger methods: all the source needs to remember bars between scans. */
export type BarLedger = BarLedgerStore;

/** Ledgered bars asked for again on every scan, because Alpaca revises the newest bars after they close. */
export const LEDGER_OVERLAP_BARS = 3;
/** Bars kept beyond the lookback, so a short gap or a revision never leaves a scan short. */
export const LEDGER_MARGIN_BARS = 10;

/**
 * Where a symbol's fetch may start given its ledger: the open of the `LEDGER_OVERLAP_BARS`-th newest ledgered
 * bar, or `undefined` (fetch the full lookback) when there is no ledger, it holds fewer than `lookbackBars` bars,
 * its newest bar is not after `coldStart` (too old to bridge) or is after `asOf` (a replay of the past).
 */
export function warmStart(entry: BarLedgerEntry | null, lookbackBars: number, coldStart: Date, asOf: Date): Date | undefined {
  if (entry === null || entry.bars.length < Math.max(lookbackBars, LEDGER_OVERLAP_BARS)) return undefined;
  const newest = Date.parse(entry.bars[entry.bars.length - 1].timestamp);
  if (!(newest > coldStart.getTime() && newest <= asOf.getTime())) return undefined;
  return new Date(Date.parse(entry.bars[entry.bars.length - LEDGER_OVERLAP_BARS].timestamp));
}

/** Ledgered and fresh bars as one ascending series without duplicate times; a fresh bar replaces a ledgered one. */
export function mergeBars(ledgered: readonly Bar[], fresh: readonly Bar[]): Bar[] {
  const byTime = new Map<number, Bar>();
  for (const bar of ledgered) byTime.set(Date.parse(bar.timestamp), bar);
  for (const bar of fresh) byTime.set(Date.parse(bar.timestamp), bar);
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([, bar]) => bar);
}

/** The newest bars worth keeping in the ledger. */
export function ledgerWindow(bars: readonly Bar[], lookbackBars: number): Bar[] {
  return bars.slice(Math.max(0, bars.length - lookbackBars - LEDGER_MARGIN_BARS));
}
