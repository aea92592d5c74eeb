import type { SeriesAnalysis } from '../series-analysis.js';
import {
  freshCross,
  highestPeakBetween,
  isRecent,
  MIN_PATTERN_WIDTH,
  structuralMatch,
  type PivotView,
  type StructuralMatch,
} from './pivot-view.js';

/**
 * INVERSE_HEAD_SHOULDERS (§2.5 #1): three consecutive valleys, the head ≥ 3 % under the lower
 * shoulder, shoulders within 3 % of their mean, balanced timing; breakout over the lower neckline peak.
 */
export function inverseHeadShouldersAt(a: SeriesAnalysis, i: number, view: PivotView): StructuralMatch | null {
  if (a.volumeExpansion[i] !== 1) return null;
  const { pivots, peaks, valleys } = view;
  if (pivots.length < 5 || valleys.length < 3 || peaks.length < 2) return null;
  for (let k = 0; k + 2 < valleys.length; k++) {
    if (!isRecent(view, valleys[k + 2])) continue;
    const [v1, v2, v3] = [pivots[valleys[k]], pivots[valleys[k + 1]], pivots[valleys[k + 2]]];
    if (v3.index - v1.index < MIN_PATTERN_WIDTH) continue;
    const lowerShoulder = Math.min(v1.price, v3.price);
    const shoulderMean = (v1.price + v3.price) / 2;
    const timeRatio = (v2.index - v1.index) / (v3.index - v2.index);
    const p1 = highestPeakBetween(view, valleys[k], valleys[k + 1]);
    const p2 = highestPeakBetween(view, valleys[k + 1], valleys[k + 2]);
    const shaped =
      (lowerShoulder - v2.price) / lowerShoulder >= 0.03 &&
      Math.abs(v1.price - shoulderMean) / shoulderMean <= 0.03 &&
      timeRatio >= 0.6 &&
      timeRatio <= 1.4;
    if (!shaped || !p1 || !p2) continue;
    const neckline = Math.min(p1.price, p2.price);
    if (freshCross(a.close, i, neckline, false)) return structuralMatch('INVERSE_HEAD_SHOULDERS', v1, v3, neckline);
  }
  return null;
}
