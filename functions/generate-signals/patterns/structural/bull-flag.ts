import type { SeriesAnalysis } from '../series-analysis.js';
import { meanVolume } from '../series-analysis.js';
import { isRecent, MIN_PATTERN_WIDTH, structuralMatch, type PivotView, type StructuralMatch } from './pivot-view.js';

const MIN_FLAG_BARS = 5;

/**
 * BULL_FLAG (§2.5 #12): a pole (valley → later peak) rising ≥ 15 %, then ≥ 5 quieter bars holding the
 * upper half of the pole; breakout when the close reaches 95 % of the flag's high. The flag is the bars
 * after the peak. Any earlier valley may start the pole; the latest one that fits is reported.
 */
export function bullFlagAt(a: SeriesAnalysis, i: number, view: PivotView): StructuralMatch | null {
  if (a.trendBullish[i] !== 1 || a.volumeExpansion[i] !== 1 || a.volatilityContraction[i] !== 1) return null;
  const { pivots, peaks, valleys } = view;
  for (const peakAt of peaks) {
    const peak = pivots[peakAt];
    if (!isRecent(view, peakAt) || i - peak.index < MIN_FLAG_BARS) continue;
    let flagLow = Infinity;
    let highBefore = -Infinity;
    for (let k = peak.index + 1; k < i; k++) {
      flagLow = Math.min(flagLow, a.low[k]);
      highBefore = Math.max(highBefore, a.high[k]);
    }
    flagLow = Math.min(flagLow, a.low[i]);
    const level = 0.95 * Math.max(highBefore, a.high[i]);
    // On bar i−1 the flag had one bar fewer, so its breakout level was 95 % of `highBefore`.
    const fresh = a.close[i] >= level && !(i - 1 > peak.index && a.close[i - 1] >= 0.95 * highBefore);
    if (!fresh) continue;
    const flagVolume = meanVolume(a, peak.index + 1, i);
    for (let v = valleys.length - 1; v >= 0; v--) {
      const valleyAt = valleys[v];
      if (valleyAt > peakAt) continue;
      const valley = pivots[valleyAt];
      const pole = peak.price - valley.price;
      const shaped =
        pole / valley.price >= 0.15 &&
        i - valley.index >= MIN_PATTERN_WIDTH &&
        flagLow >= valley.price + 0.5 * pole &&
        flagVolume < meanVolume(a, valley.index, peak.index);
      if (shaped) return structuralMatch('BULL_FLAG', valley, peak, level);
    }
  }
  return null;
}
