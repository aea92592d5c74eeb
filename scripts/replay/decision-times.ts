import { timeframeMs } from '../../shared/domain/bar.js';
import type { Bar, Timeframe } from '../../shared/domain/bar.js';

/** One moment of the replay: a bar close, and the symbols whose bar closed then. */
export interface DecisionStep {
  readonly asOf: Date;
  readonly symbols: string[];
}

/**
 * The moments the replay decides at, oldest first: every bar close of the given series whose bar opened
 * within [from, to] and has at least `minBars` bars behind it (fewer cannot be decided on).
 */
export function decisionSteps(
  series: readonly { readonly symbol: string; readonly bars: readonly Bar[] }[],
  timeframe: Timeframe,
  range: { readonly from?: Date; readonly to?: Date; readonly minBars: number },
): DecisionStep[] {
  const fromMs = range.from?.getTime() ?? -Infinity;
  const toMs = range.to?.getTime() ?? Infinity;
  const width = timeframeMs(timeframe);
  const bySymbolTime = new Map<number, string[]>();
  for (const { symbol, bars } of series) {
    for (let i = range.minBars - 1; i < bars.length; i++) {
      const open = Date.parse(bars[i].timestamp);
      if (open < fromMs || open > toMs) continue;
      const symbols = bySymbolTime.get(open + width) ?? [];
      symbols.push(symbol);
      bySymbolTime.set(open + width, symbols);
    }
  }
  return [...bySymbolTime.keys()].sort((a, b) => a - b).map((time) => ({ asOf: new Date(time), symbols: bySymbolTime.get(time) ?? [] }));
}
