import type { AssetClass, Bar, Timeframe } from '../../shared/domain/bar.js';
import { barClosesAt } from '../../shared/domain/sessions/bar-close.js';

/** One moment of the replay: a bar close, and the symbols whose bar closed then. */
export interface DecisionStep {
  readonly asOf: Date;
  readonly symbols: string[];
}

/**
 * The moments the replay decides at, oldest first: every bar close of the given series whose bar opened
 * within [from, to] and has at least `minBars` bars behind it (fewer cannot be decided on). A crypto bar is
 * decided at its open plus its length, a US equity daily bar at its session's close (16:00 New York, 13:00
 * on an early-close day).
 */
export function decisionSteps(
  series: readonly { readonly symbol: string; readonly assetClass: AssetClass; readonly bars: readonly Bar[] }[],
  timeframe: Timeframe,
  range: { readonly from?: Date; readonly to?: Date; readonly minBars: number },
): DecisionStep[] {
  const fromMs = range.from?.getTime() ?? -Infinity;
  const toMs = range.to?.getTime() ?? Infinity;
  const bySymbolTime = new Map<number, string[]>();
  for (const { symbol, assetClass, bars } of series) {
    for (let i = range.minBars - 1; i < bars.length; i++) {
      const open = Date.parse(bars[i].timestamp);
      if (open < fromMs || open > toMs) continue;
      const close = barClosesAt(bars[i].timestamp, timeframe, assetClass);
      const symbols = bySymbolTime.get(close) ?? [];
      symbols.push(symbol);
      bySymbolTime.set(close, symbols);
    }
  }
  return [...bySymbolTime.keys()]
    .sort((a, b) => a - b)
    .map((time) => ({ asOf: new Date(time), symbols: bySymbolTime.get(time) ?? [] }));
}
