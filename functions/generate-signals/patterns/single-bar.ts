import type { SeriesAnalysis } from './series-analysis.js';

/** DRAGONFLY_DOJI (§2.5 #8): tiny body and upper wick, long lower wick, tagging the lower Bollinger band. */
export function dragonflyDojiAt(a: SeriesAnalysis, i: number): boolean {
  const range = a.range[i];
  return (
    a.upperWick[i] < 0.1 * range &&
    a.body[i] < 0.1 * range &&
    a.lowerWick[i] > 2 * a.body[i] &&
    a.reversalContext[i] === 1 &&
    a.volumeExpansion[i] === 1 &&
    a.low[i] <= a.bbLower[i]
  );
}

/** BULLISH_BELT_HOLD (§2.5 #13): a green bar opening at its low (within 0.1 %) with a body > 60 % of range. */
export function bullishBeltHoldAt(a: SeriesAnalysis, i: number): boolean {
  return (
    a.open[i] - a.low[i] <= 0.001 * a.low[i] &&
    a.body[i] > 0.6 * a.range[i] &&
    a.green[i] === 1 &&
    a.reversalContext[i] === 1 &&
    a.volumeExpansion[i] === 1
  );
}

/**
 * BULLISH_HAMMER (§2.5 #15): lower wick ≥ 2 × body, upper wick ≤ ½ body, any colour. As in the
 * reference, a zero-range bar satisfies the shape.
 */
export function bullishHammerAt(a: SeriesAnalysis, i: number): boolean {
  return (
    a.lowerWick[i] >= 2 * a.body[i] &&
    a.upperWick[i] <= 0.5 * a.body[i] &&
    a.reversalContext[i] === 1 &&
    a.volumeExpansion[i] === 1 &&
    a.volatilityContraction[i] === 1
  );
}

/** BULLISH_MARUBOZU (§2.5 #18): an almost wickless green bar over 2 × ATR14 closing above the Keltner channel. */
export function bullishMarubozuAt(a: SeriesAnalysis, i: number): boolean {
  return (
    a.bodyPct[i] > 0.95 &&
    a.range[i] > 2 * a.atr14[i] &&
    a.green[i] === 1 &&
    a.trendBullish[i] === 1 &&
    a.volumeExpansion[i] === 1 &&
    a.close[i] > a.kcUpper[i] &&
    a.volatilityContraction[i] === 1
  );
}
