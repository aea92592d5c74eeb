import type { AssetClass, Bar, Timeframe } from '../domain/bar.js';

/** What a scan asks of a market data source. */
export interface BarsRequest {
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  /** The decision time: only bars closed by then are returned. */
  readonly asOf: Date;
  /** How many closed bars to return per symbol at most (the newest ones). */
  readonly lookbackBars: number;
}

/**
 * One symbol's closed bars, or why there are none; `transient` when the request for them failed for a reason that
 * may pass (network, 429, 5xx after the transport's retries), so the scan is worth redelivering.
 */
export type SymbolBars =
  | { readonly symbol: string; readonly assetClass: AssetClass; readonly bars: Bar[] }
  | { readonly symbol: string; readonly problem: string; readonly transient?: boolean };

/** Where bars come from: Alpaca in production, the bundled CSV files locally. */
export interface MarketDataSource {
  /** Closed bars per requested symbol; one symbol's problem never fails the others. */
  closedBars(request: BarsRequest): Promise<SymbolBars[]>;
}

/** The asset class Alpaca's symbol spelling implies: crypto pairs are written `BASE/QUOTE`. */
export function assetClassOf(symbol: string): AssetClass {
  return symbol.includes('/') ? 'CRYPTO' : 'EQUITY';
}
