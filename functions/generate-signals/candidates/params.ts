import { createHash } from 'node:crypto';
import { ANALYSIS_LOOKBACK_BARS } from '../../../shared/domain/engine.js';
import type { PatternName } from '../../../shared/domain/patterns.js';

/**
 * Version of the decision rules, recorded in every candidate's provenance (and so on every stored signal);
 * bump it whenever a rule or a default changes. 2.0.0 (issue 9): sessions close bars, FALLING_WEDGE on its
 * trendline, INVERTED_HAMMER without volatility contraction, HIGH conviction only from a recent bullish
 * structure, R:R never relaxed, no volume gate, the stop buffer in ATR.
 */
export const ENGINE_VERSION = '2.0.0';

/** Every number that shapes a decision, in one place, hashed into each candidate's provenance. */
export const ENGINE_PARAMS = {
  lookbackBars: ANALYSIS_LOOKBACK_BARS,
  minBars: 60,
  gates: {
    adxMin: { standard: 20, relaxed: 15 },
    riskReward: 1.5,
    rsiMax: 70,
  },
  conviction: {
    /** HIGH conviction needs a bullish harmonic or Elliott structure completed within this many bars. */
    harmonicRecencyBars: 10 as number,
  },
  levels: {
    /** The stop sits this many ATR14 under the invalidation anchor (or the low). */
    stopBufferAtr: 0.25 as number,
    /** Without an ATR (warm-up): the stop at this fraction of the anchor. */
    stopBelowAnchorWithoutAtr: 0.99,
    atrTargets: [2, 4, 6],
    flatTargets: [1.03, 1.06, 1.1],
    bullFlagPoleAtr: 3,
    bullFlagTargets: [0.5, 1, 1.5],
  },
  validityHours: { standard: 48, macro: 120 },
  macroSpanDays: 90,
} as const;

/** Trend-following patterns, which need a trending market (ADX) to mean anything. */
export const ADX_GATED: ReadonlySet<PatternName> = new Set<PatternName>([
  'BULL_FLAG',
  'ASCENDING_TRIANGLE',
  'RISING_THREE_METHODS',
  'THREE_WHITE_SOLDIERS',
]);

/** The parameters an operator may set (HARMONIC_RECENCY_BARS, STOP_BUFFER_ATR); the rest are the rules. */
export interface EngineTuning {
  readonly harmonicRecencyBars?: number;
  readonly stopBufferAtr?: number;
}

/** The parameters in force. */
export type EngineParams = typeof ENGINE_PARAMS;

/** First 16 hex digits of sha256 over the canonical JSON of the parameters. */
function hashOf(params: EngineParams): string {
  return createHash('sha256')
    .update(JSON.stringify({ ENGINE_PARAMS: params, adx: [...ADX_GATED] }))
    .digest('hex')
    .slice(0, 16);
}

/** The hash of the default parameters. */
export const PARAMS_HASH = hashOf(ENGINE_PARAMS);

// Tuned parameters by their two values: an instance decides with the same tuning every time, and hashing is not free.
const tunedByValues = new Map<string, { readonly params: EngineParams; readonly hash: string }>();

/** The parameters with an operator's tuning applied, and their hash (recorded in each candidate's provenance). */
export function tunedParams(tuning: EngineTuning = {}): { readonly params: EngineParams; readonly hash: string } {
  const harmonicRecencyBars = tuning.harmonicRecencyBars ?? ENGINE_PARAMS.conviction.harmonicRecencyBars;
  const stopBufferAtr = tuning.stopBufferAtr ?? ENGINE_PARAMS.levels.stopBufferAtr;
  if (
    harmonicRecencyBars === ENGINE_PARAMS.conviction.harmonicRecencyBars &&
    stopBufferAtr === ENGINE_PARAMS.levels.stopBufferAtr
  ) {
    return { params: ENGINE_PARAMS, hash: PARAMS_HASH };
  }
  const key = `${harmonicRecencyBars}|${stopBufferAtr}`;
  let tuned = tunedByValues.get(key);
  if (tuned === undefined) {
    const params: EngineParams = {
      ...ENGINE_PARAMS,
      conviction: { ...ENGINE_PARAMS.conviction, harmonicRecencyBars },
      levels: { ...ENGINE_PARAMS.levels, stopBufferAtr },
    };
    tuned = { params, hash: hashOf(params) };
    if (tunedByValues.size >= 64) tunedByValues.clear();
    tunedByValues.set(key, tuned);
  }
  return tuned;
}
