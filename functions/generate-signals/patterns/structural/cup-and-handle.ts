import type { SeriesAnalysis } from '../series-analysis.js';
import { freshCross, isRecent, MIN_PATTERN_WIDTH, structuralMatch, type PivotView, type StructuralMatch } from './pivot-view.js';

const HANDLE_PIVOTS = 3;

/**
 * CUP_AND_HANDLE (§2.5 #10): a left rim, ≥ 3 interior valleys forming a U, a right rim within 10 % of
 * the left one ≥ 10 bars later, then a handle retracing ≤ 15 % of the cup depth; breakout at 98 % of
 * the right rim.
 */
export function cupAndHandleAt(a: SeriesAnalysis, i: number, view: PivotView): StructuralMatch | null {
  if (a.trendBullish[i] !== 1 || a.volumeExpansion[i] !== 1 || a.volatilityContraction[i] !== 1) return null;
  const { pivots, peaks, valleys } = view;
  if (pivots.length < 5 || valleys.length < 3 || peaks.length < 2) return null;
  for (let r = 0; r + 1 < peaks.length; r++) {
    const leftAt = peaks[r];
    const left = pivots[leftAt];
    const cup = valleys.filter((q) => q > leftAt);
    if (cup.length < 3) continue;
    const rightAt = peaks.find((q) => q > cup[0] && Math.abs(pivots[q].price - left.price) / left.price <= 0.1);
    if (rightAt === undefined) continue;
    const right = pivots[rightAt];
    const interior = cup.filter((q) => q < rightAt).map((q) => pivots[q].price);
    const handleEnd = Math.min(rightAt + HANDLE_PIVOTS, pivots.length - 1);
    if (right.index - left.index < MIN_PATTERN_WIDTH || interior.length < 3 || handleEnd <= rightAt) continue;
    if (!isRecent(view, handleEnd)) continue;
    const bottom = Math.min(...interior);
    const depth = left.price - bottom;
    const handleLow = Math.min(...pivots.slice(rightAt + 1, handleEnd + 1).map((pivot) => pivot.price));
    const shaped =
      interior[0] > bottom && interior[interior.length - 1] > bottom && depth > 0 && (right.price - handleLow) / depth <= 0.15;
    const level = 0.98 * right.price;
    if (shaped && freshCross(a.close, i, level, true)) {
      return structuralMatch('CUP_AND_HANDLE', left, pivots[handleEnd], level);
    }
  }
  return null;
}
