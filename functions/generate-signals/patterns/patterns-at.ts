import type { HarmonicMatch, PatternName, Pivot } from '../../../shared/domain/patterns.js';
import { findHarmonic, harmonicCompletedAtLast } from './harmonics.js';
import { checkBarIndex, type SeriesAnalysis } from './series-analysis.js';
import { bullishBeltHoldAt, bullishHammerAt, bullishMarubozuAt, dragonflyDojiAt } from './single-bar.js';
import { structuralMatchesFor, type StructuralMatch, type StructuralPatternName } from './structural/index.js';
import { morningStarAt, risingThreeMethodsAt, threeInsideUpAt, threeWhiteSoldiersAt } from './three-bar.js';
import {
  bullishEngulfingAt,
  bullishHaramiAt,
  bullishKickerAt,
  invertedHammerAt,
  piercingLineAt,
  tweezerBottomsAt,
} from './two-bar.js';
import { pivotsFromTrace } from './zigzag.js';

/** Which of the 20 patterns hold at one bar. */
export type PatternFlags = Readonly<Record<PatternName, boolean>>;

/** The ZigZag pivots a run over bars 0..i reports, the provisional last one included. */
export function pivotsAt(analysis: SeriesAnalysis, i: number): Pivot[] {
  checkBarIndex(analysis, i);
  return pivotsFromTrace(analysis.zigzag, analysis.bars, i);
}

/** The harmonic or Elliott context of the pivots known at bar i (§2.6), or null. */
export function harmonicsAt(analysis: SeriesAnalysis, i: number): HarmonicMatch | null {
  return findHarmonic(pivotsAt(analysis, i));
}

/**
 * The bullish harmonic or Elliott structure that completed within the last `recencyBars` bars before bar i, or
 * null: the most recent confirmed valley at bar index ≥ i − recencyBars at which an Elliott count, an XABCD or an
 * ABCD pattern ends (a bullish one: it ends on a low). Only confirmed pivots count, never the provisional extreme
 * of the leg in progress, so the structure is complete and nothing after bar i is read.
 */
export function bullishStructureAt(analysis: SeriesAnalysis, i: number, recencyBars: number): HarmonicMatch | null {
  checkBarIndex(analysis, i);
  const { confirmed, confirmedCount } = analysis.zigzag;
  for (let k = confirmedCount[i] - 1; k >= 0 && confirmed[k].index >= i - recencyBars; k--) {
    if (confirmed[k].type !== 'VALLEY') continue;
    const match = harmonicCompletedAtLast(confirmed.slice(Math.max(0, k - 4), k + 1));
    if (match) return match;
  }
  return null;
}

/** The structural patterns breaking out at bar i, with the pivots they span (for durations and levels). */
export function structuralMatchesAt(
  analysis: SeriesAnalysis,
  i: number,
): Partial<Record<StructuralPatternName, StructuralMatch>> {
  checkBarIndex(analysis, i);
  // Every structural pattern needs volume expansion on the breakout bar; skip the pivots without it.
  if (analysis.volumeExpansion[i] !== 1) return {};
  return structuralMatchesFor(analysis, i, pivotsFromTrace(analysis.zigzag, analysis.bars, i));
}

/** Which of the 20 patterns hold at bar i (shape and confluence), reading bars 0..i only. */
export function patternsAt(analysis: SeriesAnalysis, i: number): PatternFlags {
  const structural = structuralMatchesAt(analysis, i);
  const a = analysis;
  return {
    INVERSE_HEAD_SHOULDERS: structural.INVERSE_HEAD_SHOULDERS !== undefined,
    BULLISH_KICKER: bullishKickerAt(a, i),
    FALLING_WEDGE: structural.FALLING_WEDGE !== undefined,
    RISING_THREE_METHODS: risingThreeMethodsAt(a, i),
    MORNING_STAR: morningStarAt(a, i),
    ASCENDING_TRIANGLE: structural.ASCENDING_TRIANGLE !== undefined,
    THREE_INSIDE_UP: threeInsideUpAt(a, i),
    DRAGONFLY_DOJI: dragonflyDojiAt(a, i),
    THREE_WHITE_SOLDIERS: threeWhiteSoldiersAt(a, i),
    CUP_AND_HANDLE: structural.CUP_AND_HANDLE !== undefined,
    DOUBLE_BOTTOM: structural.DOUBLE_BOTTOM !== undefined,
    BULL_FLAG: structural.BULL_FLAG !== undefined,
    BULLISH_BELT_HOLD: bullishBeltHoldAt(a, i),
    BULLISH_ENGULFING: bullishEngulfingAt(a, i),
    BULLISH_HAMMER: bullishHammerAt(a, i),
    PIERCING_LINE: piercingLineAt(a, i),
    INVERTED_HAMMER: invertedHammerAt(a, i),
    BULLISH_MARUBOZU: bullishMarubozuAt(a, i),
    BULLISH_HARAMI: bullishHaramiAt(a, i),
    TWEEZER_BOTTOMS: tweezerBottomsAt(a, i),
  };
}
