import type { Bar } from '../domain/bar.js';
import { barClosesAt } from '../domain/sessions/bar-close.js';
import { findBundledSeries, readBundledBars } from './bundled-bars.js';
import type { BundledSeries } from './bundled-bars.js';
import type { BarsRequest, MarketDataSource, SymbolBars } from './market-data-source.port.js';

/**
 * The local market: the real bars bundled in `data/`, served as of any moment in their history, so a
 * scan with `asOf` sees exactly what a live scan saw at that time (closed bars only).
 */
export function createReplaySource(): MarketDataSource {
  const cache = new Map<BundledSeries, { bars: Bar[]; closeTimes: Float64Array }>();
  const load = (series: BundledSeries) => {
    let entry = cache.get(series);
    if (!entry) {
      // Frozen: every window serves the same bar objects, so each is serialised once (json-text.ts).
      const bars = readBundledBars(series).map((bar) => Object.freeze(bar));
      entry = {
        bars,
        closeTimes: Float64Array.from(bars, (bar) => barClosesAt(bar.timestamp, series.timeframe, series.assetClass)),
      };
      cache.set(series, entry);
    }
    return entry;
  };
  return {
    async closedBars(request: BarsRequest): Promise<SymbolBars[]> {
      return request.symbols.map((symbol) => {
        const series = findBundledSeries(symbol, request.timeframe);
        if (!series) return { symbol, problem: `no bundled ${request.timeframe} data for ${symbol}` };
        const { bars, closeTimes } = load(series);
        const end = upperBound(closeTimes, request.asOf.getTime());
        if (end === 0)
          return { symbol, problem: `no ${request.timeframe} bar of ${symbol} closed by ${request.asOf.toISOString()}` };
        return { symbol, assetClass: series.assetClass, bars: bars.slice(Math.max(0, end - request.lookbackBars), end) };
      });
    },
  };
}

/** Index of the first element greater than `value` in an ascending array. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
