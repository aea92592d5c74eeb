/**
 * Tactical (tradeable) patterns in priority order: when several hold on one bar, the first wins.
 * The order and the historical win rates come from the reference system, §2.5.
 */
export const PATTERN_NAMES = [
  'INVERSE_HEAD_SHOULDERS',
  'BULLISH_KICKER',
  'FALLING_WEDGE',
  'RISING_THREE_METHODS',
  'MORNING_STAR',
  'ASCENDING_TRIANGLE',
  'THREE_INSIDE_UP',
  'DRAGONFLY_DOJI',
  'THREE_WHITE_SOLDIERS',
  'CUP_AND_HANDLE',
  'DOUBLE_BOTTOM',
  'BULL_FLAG',
  'BULLISH_BELT_HOLD',
  'BULLISH_ENGULFING',
  'BULLISH_HAMMER',
  'PIERCING_LINE',
  'INVERTED_HAMMER',
  'BULLISH_MARUBOZU',
  'BULLISH_HARAMI',
  'TWEEZER_BOTTOMS',
] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

/** Patterns built from ZigZag pivots rather than from the last few candles. */
export const STRUCTURAL_PATTERNS: readonly PatternName[] = [
  'INVERSE_HEAD_SHOULDERS',
  'FALLING_WEDGE',
  'ASCENDING_TRIANGLE',
  'CUP_AND_HANDLE',
  'DOUBLE_BOTTOM',
  'BULL_FLAG',
];

/** Harmonic and wave context (§2.6): never a signal on its own, but raises conviction. */
export const HARMONIC_NAMES = ['ABCD', 'GARTLEY', 'BAT', 'BUTTERFLY', 'CRAB', 'ELLIOTT_WAVE_135'] as const;
export type HarmonicName = (typeof HARMONIC_NAMES)[number];

export type PivotType = 'PEAK' | 'VALLEY';

/** A ZigZag turning point. `index` is the bar index in the analysed series. */
export interface Pivot {
  readonly index: number;
  readonly timestamp: string;
  readonly price: number;
  readonly type: PivotType;
}

export interface HarmonicMatch {
  readonly type: HarmonicName;
  /** Named ratios, e.g. `B_ratio`, `D_ratio`, `wave3_to_wave1_ratio`. */
  readonly ratios: Readonly<Record<string, number>>;
  /** More than 90 calendar days from the first to the last pivot of the match. */
  readonly isMacro: boolean;
  readonly pivots: readonly Pivot[];
}
