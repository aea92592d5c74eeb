import { PATTERN_NAMES, type HarmonicMatch, type PatternName, type Pivot } from '../../../shared/domain/patterns.js';
import type { Bar } from '../../../shared/domain/bar.js';
import { harmonicsAt, patternsAt, pivotsAt } from './patterns-at.js';
import { analyzeSeries, type SeriesAnalysis } from './series-analysis.js';

/** Every pattern flagged for every bar of a series, with the pivots and harmonic context at its last bar. */
export interface PatternDetection {
  readonly analysis: SeriesAnalysis;
  /** `patterns[name][i]` is 1 when the pattern holds at bar i. */
  readonly patterns: Readonly<Record<PatternName, Uint8Array>>;
  readonly pivots: readonly Pivot[];
  readonly harmonic: HarmonicMatch | null;
}

/** Runs `patternsAt` over every bar, for backtests and replays; bar i never reads past itself. */
export function detectPatterns(bars: readonly Bar[]): PatternDetection {
  const analysis = analyzeSeries(bars);
  const n = analysis.length;
  const patterns = Object.fromEntries(PATTERN_NAMES.map((name) => [name, new Uint8Array(n)])) as Record<PatternName, Uint8Array>;
  for (let i = 0; i < n; i++) {
    const flags = patternsAt(analysis, i);
    for (const name of PATTERN_NAMES) if (flags[name]) patterns[name][i] = 1;
  }
  const last = n - 1;
  return {
    analysis,
    patterns,
    pivots: n > 0 ? pivotsAt(analysis, last) : [],
    harmonic: n > 0 ? harmonicsAt(analysis, last) : null,
  };
}
