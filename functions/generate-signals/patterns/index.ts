/**
 * Pattern detection (reference §2.2–§2.6): candle primitives, regime flags, ZigZag pivots, the 20
 * tactical patterns and the harmonic context, all computed from bars 0..i for bar i.
 *
 * Decisions where the reference leaves a gap:
 * - NaN during warm-up makes a comparison false (pandas semantics); nothing throws on it.
 * - No look-ahead: the flags, pivots and harmonic at bar i equal those of a run on `bars.slice(0, i + 1)`.
 * - ZigZag: bar 0 seeds the state; ties neither extend a leg nor make a new extreme.
 * - Structural patterns fire only on their breakout bar: the close crosses the level on bar i (not on i−1)
 *   and the structure's last pivot is among the latest 3 pivots; every other §2.5 condition is kept.
 * - DOUBLE_BOTTOM also needs the breakout: the close crosses the highest peak between the two bottoms.
 * - BULL_FLAG's flag is the bars after the peak (low, volume and high "since the peak").
 * - CUP_AND_HANDLE needs a positive cup depth (the reference would divide by zero or a negative depth).
 * - BULL_FLAG may start its pole at any earlier valley; the latest valley that fits is reported.
 * - ELLIOTT_IMPULSE_WAVE is dead in the reference and not produced; neither are the unused side values
 *   (`morning_star_strength`, the kicker's gap flag).
 * - FALLING_WEDGE breaks the upper trendline through its last two confirmed peaks, projected to the bar.
 * - INVERTED_HAMMER needs no volatility contraction (see two-bar.ts).
 * - Harmonic ratios are rounded to 3 decimals; `isMacro` counts whole calendar days (> 90).
 */
export { analyzeSeries, type IndicatorColumns, type SeriesAnalysis } from './series-analysis.js';
export type { CandleColumns } from './candle.js';
export type { RegimeColumns } from './regime.js';
export { PIVOT_THRESHOLD, type ZigZagTrace } from './zigzag.js';
export { findHarmonic, HARMONIC_TOLERANCE, HARMONIC_WINDOW } from './harmonics.js';
export { bullishStructureAt, harmonicsAt, patternsAt, pivotsAt, structuralMatchesAt, type PatternFlags } from './patterns-at.js';
export type { StructuralMatch, StructuralPatternName } from './structural/index.js';
export { detectPatterns, type PatternDetection } from './detect.js';
