import { createHash } from 'node:crypto';
import { ANALYSIS_LOOKBACK_BARS } from '../../../shared/domain/engine.js';
import type { PatternName } from '../../../shared/domain/patterns.js';

/** Version of the decision rules; bump it whenever a rule or a parameter changes. */
export const ENGINE_VERSION = '1.0.0';

/** Every number that shapes a decision, in one place, hashed into each candidate's provenance. */
export const ENGINE_PARAMS = {
  lookbackBars: ANALYSIS_LOOKBACK_BARS,
  minBars: 60,
  gates: {
    volumeRatio: { standard: 1.5, relaxed: 1.2 },
    adxMin: { standard: 20, relaxed: 15 },
    riskReward: { standard: 1.5, relaxed: 1.2 },
    rsiMax: 70,
  },
  levels: {
    stopBelowAnchor: 0.99,
    atrTargets: [2, 4, 6],
    flatTargets: [1.03, 1.06, 1.1],
    bullFlagPoleAtr: 3,
    bullFlagTargets: [0.5, 1, 1.5],
  },
  validityHours: { standard: 48, macro: 120 },
  macroSpanDays: 90,
} as const;

/** Patterns whose breakout needs volume behind it (reference §3.1). */
export const VOLUME_GATED: ReadonlySet<PatternName> = new Set<PatternName>([
  'ASCENDING_TRIANGLE',
  'CUP_AND_HANDLE',
  'FALLING_WEDGE',
  'INVERSE_HEAD_SHOULDERS',
  'BULL_FLAG',
  'DOUBLE_BOTTOM',
  'BULLISH_MARUBOZU',
]);

/** Trend-following patterns, which need a trending market (ADX) to mean anything. */
export const ADX_GATED: ReadonlySet<PatternName> = new Set<PatternName>([
  'BULL_FLAG',
  'ASCENDING_TRIANGLE',
  'RISING_THREE_METHODS',
  'THREE_WHITE_SOLDIERS',
]);

/** First 16 hex digits of sha256 over the canonical JSON of the parameters. */
export const PARAMS_HASH = createHash('sha256')
  .update(JSON.stringify({ ENGINE_PARAMS, volume: [...VOLUME_GATED], adx: [...ADX_GATED] }))
  .digest('hex')
  .slice(0, 16);
