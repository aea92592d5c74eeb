import type { Pivot } from '../../../../shared/domain/patterns.js';

/** The six patterns read from ZigZag pivots, each with its own detector. */
export type StructuralPatternName =
  'INVERSE_HEAD_SHOULDERS' | 'FALLING_WEDGE' | 'ASCENDING_TRIANGLE' | 'CUP_AND_HANDLE' | 'DOUBLE_BOTTOM' | 'BULL_FLAG';

/** Where a structural pattern broke out, for the levels and the MACRO/STANDARD duration. */
export interface StructuralMatch {
  readonly pattern: StructuralPatternName;
  /** Bar index of the structure's first pivot: the pattern's duration at bar i is `i - firstPivotIndex`. */
  readonly firstPivotIndex: number;
  /** Bar index of the latest pivot the geometry reads. */
  readonly lastPivotIndex: number;
  /** The price the close crossed on this bar. */
  readonly breakoutLevel: number;
}

/** The pivots known at one bar, with the positions of the peaks and of the valleys among them. */
export interface PivotView {
  readonly pivots: readonly Pivot[];
  readonly peaks: readonly number[];
  readonly valleys: readonly number[];
}

/** A structure counts only if its last pivot is one of the latest three known at the bar. */
export const RECENT_PIVOTS = 3;
/** `MINIMUM_PATTERN_WIDTH`: a structure spans at least this many bars. */
export const MIN_PATTERN_WIDTH = 10;

/** Splits the pivots into peak and valley positions once per bar. */
export function pivotView(pivots: readonly Pivot[]): PivotView {
  const peaks: number[] = [];
  const valleys: number[] = [];
  for (let q = 0; q < pivots.length; q++) (pivots[q].type === 'PEAK' ? peaks : valleys).push(q);
  return { pivots, peaks, valleys };
}

/** True when pivot position `q` is among the latest `RECENT_PIVOTS`. */
export function isRecent(view: PivotView, q: number): boolean {
  return q >= view.pivots.length - RECENT_PIVOTS;
}

/**
 * The close crosses `level` on bar i: above it now (or at it when `inclusive`), not on bar i−1.
 * This is what makes a structural pattern fire once, on its breakout bar.
 */
export function freshCross(close: Float64Array, i: number, level: number, inclusive: boolean): boolean {
  const above = (value: number): boolean => (inclusive ? value >= level : value > level);
  return above(close[i]) && !(i > 0 && above(close[i - 1]));
}

/** The highest peak strictly between pivot positions `from` and `to`, or null. */
export function highestPeakBetween(view: PivotView, from: number, to: number): Pivot | null {
  let best: Pivot | null = null;
  for (const q of view.peaks) {
    if (q <= from) continue;
    if (q >= to) break;
    const peak = view.pivots[q];
    if (!best || peak.price > best.price) best = peak;
  }
  return best;
}

/** Builds the match record from the pivots the structure spans. */
export function structuralMatch(
  pattern: StructuralPatternName,
  first: Pivot,
  last: Pivot,
  breakoutLevel: number,
): StructuralMatch {
  return { pattern, firstPivotIndex: first.index, lastPivotIndex: last.index, breakoutLevel };
}
