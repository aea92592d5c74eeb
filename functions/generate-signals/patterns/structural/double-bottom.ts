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
 * DOUBLE_BOTTOM (§2.5 #11): two consecutive valleys ≥ 10 bars apart within 1.5 % of their mean, the
 * highest peak between them ≥ 3 % above that mean; fires when the close crosses that peak.
 */
export function doubleBottomAt(a: SeriesAnalysis, i: number, view: PivotView): StructuralMatch | null {
  if (a.reversalContext[i] !== 1 || a.volumeExpansion[i] !== 1 || a.volatilityContraction[i] !== 1) return null;
  const { pivots, valleys } = view;
  for (let k = 0; k + 1 < valleys.length; k++) {
    if (!isRecent(view, valleys[k + 1])) continue;
    const [v1, v2] = [pivots[valleys[k]], pivots[valleys[k + 1]]];
    if (v2.index - v1.index < MIN_PATTERN_WIDTH) continue;
    const mean = (v1.price + v2.price) / 2;
    const peak = highestPeakBetween(view, valleys[k], valleys[k + 1]);
    if (!peak || !(Math.abs(v1.price - mean) / mean <= 0.015 && (peak.price - mean) / mean >= 0.03)) continue;
    if (freshCross(a.close, i, peak.price, false)) return structuralMatch('DOUBLE_BOTTOM', v1, v2, peak.price);
  }
  return null;
}
