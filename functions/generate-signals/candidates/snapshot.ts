import type { BarSnapshot } from '../../../shared/domain/signal.js';
import type { SeriesAnalysis } from '../patterns/index.js';

/** What the lifecycle of open signals needs from bar `i`, and when it closed (DESIGN §1: sent with every analysis). */
export function barSnapshotAt(a: SeriesAnalysis, i: number, closesAt: string): BarSnapshot & { readonly closesAt: string } {
  return {
    timestamp: a.bars[i].timestamp,
    closesAt,
    open: a.open[i],
    high: a.high[i],
    low: a.low[i],
    close: a.close[i],
    atr: a.atr14[i],
    chandelierLong: a.chandelierLong[i],
    rsi: a.rsi14[i],
    adx: a.adx14[i],
    adxPrevious: i > 0 ? a.adx14[i - 1] : Number.NaN,
    bearishEngulfing: a.bearishEngulfing[i] === 1,
  };
}

/** Indicator values at the decision bar, kept in each candidate's provenance. */
export function indicatorValuesAt(a: SeriesAnalysis, i: number): Record<string, number> {
  return {
    ema50: a.ema50[i],
    rsi14: a.rsi14[i],
    atr14: a.atr14[i],
    atr22: a.atr22[i],
    atrSma20: a.atrSma20[i],
    volume: a.volume[i],
    volumeSma20: a.volumeSma20[i],
    adx14: a.adx14[i],
    plusDI14: a.plusDI14[i],
    minusDI14: a.minusDI14[i],
    mfi14: a.mfi14[i],
    bbLower: a.bbLower[i],
    bbMiddle: a.bbMiddle[i],
    bbUpper: a.bbUpper[i],
    kcLower: a.kcLower[i],
    kcUpper: a.kcUpper[i],
    chandelierLong: a.chandelierLong[i],
  };
}

/** The §3.2 confluence factors that hold at bar `i`, in the reference's names. */
export function confluenceFactorsAt(a: SeriesAnalysis, i: number): string[] {
  const factors: [string, Uint8Array][] = [
    ['rsi_bullish_divergence', a.rsiBullishDivergence],
    ['volatility_contraction', a.volatilityContraction],
    ['volume_expansion', a.volumeExpansion],
    ['trend_bullish', a.trendBullish],
  ];
  return factors.filter(([, column]) => column[i] === 1).map(([name]) => name);
}
