import type { Pivot } from '../../../../shared/domain/patterns.js';
import type { SeriesAnalysis } from '../series-analysis.js';
import { bullFlagAt } from './bull-flag.js';
import { ascendingTriangleAt, fallingWedgeAt } from './converging-lines.js';
import { cupAndHandleAt } from './cup-and-handle.js';
import { doubleBottomAt } from './double-bottom.js';
import { inverseHeadShouldersAt } from './inverse-head-shoulders.js';
import { pivotView, type PivotView, type StructuralMatch, type StructuralPatternName } from './pivot-view.js';

export type { StructuralMatch, StructuralPatternName } from './pivot-view.js';

type Detector = (a: SeriesAnalysis, i: number, view: PivotView) => StructuralMatch | null;

/** One detector per structural pattern. */
export const STRUCTURAL_DETECTORS: Readonly<Record<StructuralPatternName, Detector>> = {
  INVERSE_HEAD_SHOULDERS: inverseHeadShouldersAt,
  FALLING_WEDGE: fallingWedgeAt,
  ASCENDING_TRIANGLE: ascendingTriangleAt,
  CUP_AND_HANDLE: cupAndHandleAt,
  DOUBLE_BOTTOM: doubleBottomAt,
  BULL_FLAG: bullFlagAt,
};

/** The structural patterns that break out on bar i, given the pivots known at i. */
export function structuralMatchesFor(
  a: SeriesAnalysis,
  i: number,
  pivots: readonly Pivot[],
): Partial<Record<StructuralPatternName, StructuralMatch>> {
  const view = pivotView(pivots);
  const found: Partial<Record<StructuralPatternName, StructuralMatch>> = {};
  for (const name of Object.keys(STRUCTURAL_DETECTORS) as StructuralPatternName[]) {
    const match = STRUCTURAL_DETECTORS[name](a, i, view);
    if (match) found[name] = match;
  }
  return found;
}
