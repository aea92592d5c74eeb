import type { Pivot } from '../../../../shared/domain/patterns.js';
import type { SeriesAnalysis } from '../series-analysis.js';
import { freshCross, MIN_PATTERN_WIDTH, pivotView, structuralMatch, type PivotView, type StructuralMatch } from './pivot-view.js';

/** The latest (up to) three peaks and three valleys, in bar order, with the bars they span. */
interface LatestSwings {
  readonly peaks: readonly Pivot[];
  readonly valleys: readonly Pivot[];
  readonly first: Pivot;
  readonly last: Pivot;
}

/** The swings of a wedge or triangle: ≥ 4 pivots, ≥ 2 of each kind, spanning ≥ 10 bars. */
function latestSwings(view: PivotView): LatestSwings | null {
  const { pivots, peaks, valleys } = view;
  if (pivots.length < 4 || peaks.length < 2 || valleys.length < 2) return null;
  const positions = [...peaks.slice(-3), ...valleys.slice(-3)];
  const first = pivots[Math.min(...positions)];
  const last = pivots[Math.max(...positions)];
  if (last.index - first.index < MIN_PATTERN_WIDTH) return null;
  return {
    peaks: peaks.slice(-3).map((q) => pivots[q]),
    valleys: valleys.slice(-3).map((q) => pivots[q]),
    first,
    last,
  };
}

function everyStep(swings: readonly Pivot[], holds: (previous: number, next: number) => boolean): boolean {
  for (let k = 1; k < swings.length; k++) if (!holds(swings[k - 1].price, swings[k].price)) return false;
  return true;
}

function drop(swings: readonly Pivot[]): number {
  const first = swings[0].price;
  return (first - swings[swings.length - 1].price) / first;
}

/** The line through two pivots, evaluated at bar index `at`. */
function lineAt(from: Pivot, to: Pivot, at: number): number {
  return to.price + ((to.price - from.price) / (to.index - from.index)) * (at - to.index);
}

/**
 * FALLING_WEDGE (§2.5 #3): among the confirmed pivots (the leg in progress has no confirmed extreme yet),
 * strictly falling peaks and valleys whose lines converge: the upper line, through the last two peaks, falls
 * faster than the lower one, through the last two valleys. Breakout: the close crosses the upper line projected
 * to this bar (and was not above it, projected, on the bar before). The reference's breakout over "the most
 * recent peak" was the ZigZag's provisional high, which a close can never cross, and its `peakDrop% <
 * valleyDrop%` describes lines that widen, not a wedge.
 */
export function fallingWedgeAt(a: SeriesAnalysis, i: number, view: PivotView): StructuralMatch | null {
  if (a.volumeExpansion[i] !== 1 || a.volatilityContraction[i] !== 1) return null;
  const swings = latestSwings(pivotView(view.pivots.slice(0, -1)));
  if (!swings) return null;
  const falling = (previous: number, next: number): boolean => next < previous;
  if (!everyStep(swings.peaks, falling) || !everyStep(swings.valleys, falling)) return null;
  const [peak1, peak2] = swings.peaks.slice(-2);
  const [valley1, valley2] = swings.valleys.slice(-2);
  const upperSlope = (peak2.price - peak1.price) / (peak2.index - peak1.index);
  const lowerSlope = (valley2.price - valley1.price) / (valley2.index - valley1.index);
  if (!(upperSlope < lowerSlope)) return null;
  const level = lineAt(peak1, peak2, i);
  const crossed = a.close[i] > level && !(i > 0 && a.close[i - 1] > lineAt(peak1, peak2, i - 1));
  return crossed ? structuralMatch('FALLING_WEDGE', swings.first, swings.last, level) : null;
}

/**
 * ASCENDING_TRIANGLE (§2.5 #6): peaks within 2 % of their mean (flat top), valleys non-decreasing and
 * rising > 1 % in all; breakout at 98 % of the flat top.
 */
export function ascendingTriangleAt(a: SeriesAnalysis, i: number, view: PivotView): StructuralMatch | null {
  if (a.trendBullish[i] !== 1 || a.volumeExpansion[i] !== 1 || a.volatilityContraction[i] !== 1) return null;
  const swings = latestSwings(view);
  if (!swings) return null;
  const meanPeak = swings.peaks.reduce((sum, peak) => sum + peak.price, 0) / swings.peaks.length;
  if (!swings.peaks.every((peak) => Math.abs(peak.price - meanPeak) / meanPeak <= 0.02)) return null;
  if (!everyStep(swings.valleys, (previous, next) => next >= previous)) return null;
  if (!(-drop(swings.valleys) > 0.01)) return null;
  const level = 0.98 * meanPeak;
  return freshCross(a.close, i, level, true) ? structuralMatch('ASCENDING_TRIANGLE', swings.first, swings.last, level) : null;
}
