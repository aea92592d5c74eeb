import type { AssetClass, Bar, Timeframe } from '../../../shared/domain/bar.js';
import { PATTERN_NAMES } from '../../../shared/domain/patterns.js';
import type { PatternName } from '../../../shared/domain/patterns.js';
import { barCloseTime } from '../../../shared/domain/sessions/bar-close.js';
import type { RejectedCandidate, SignalCandidate } from '../../../shared/domain/signal.js';
import { patternsAt } from '../patterns/index.js';
import { qualityGateChecks } from './gates.js';
import type { GateCheck } from './gates.js';
import { decideOn, decisionWindow } from './index.js';
import { ENGINE_VERSION, tunedParams } from './params.js';
import type { EngineTuning } from './params.js';
import { indicatorValuesAt } from './snapshot.js';

/** A validation step after the quality gates: R:R at TP1 against its floor. */
export interface RiskRewardCheck {
  readonly gate: 'R:R';
  readonly value: number;
  readonly threshold: number;
  readonly passed: boolean;
}

/** Why the engine did or did not signal on the last closed bar at a moment: what `sentinel explain` prints. */
export interface DecisionExplanation {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly timeframe: Timeframe;
  readonly at: string;
  readonly engineVersion: string;
  readonly paramsHash: string;
  readonly lastClosedBar: Bar & { readonly closesAt: string };
  readonly barsAnalysed: number;
  readonly indicators: Record<string, number>;
  /** Every pattern that holds on the bar, in priority order; the first decides. */
  readonly patterns: PatternName[];
  readonly decision: 'CANDIDATE' | 'REJECTED' | 'NO_PATTERN';
  readonly conviction: {
    readonly tier: 'HIGH' | 'STANDARD';
    readonly recencyBars: number;
    /** The bullish structure that made it HIGH, and the bar it completed on. */
    readonly structure: { readonly type: string; readonly completedAt: string } | null;
  } | null;
  readonly gates: (GateCheck | RiskRewardCheck)[];
  readonly candidate: SignalCandidate | null;
  readonly rejection: { readonly signalId: string; readonly reasons: readonly string[] } | null;
}

/**
 * The decision on the last bar closed at `now`, as `generateCandidates` makes it, with every step laid open:
 * the bar and its close, the indicator values, each pattern that matched, the conviction, each gate and the
 * candidate or the rejection with its reasons.
 */
export function explainDecision(
  symbol: string,
  assetClass: AssetClass,
  timeframe: Timeframe,
  bars: readonly Bar[],
  now: Date,
  tuning: EngineTuning = {},
): DecisionExplanation {
  const { params, hash } = tunedParams(tuning);
  const decision = decisionWindow(bars, timeframe, assetClass, now);
  const { window, analysis, last } = decision;
  const flags = patternsAt(analysis, last);
  const result = decideOn(symbol, assetClass, timeframe, decision, now, tuning);
  const decided: SignalCandidate | RejectedCandidate | undefined = result.candidates[0] ?? result.rejected[0];
  const indicators = indicatorValuesAt(analysis, last);
  const gates: (GateCheck | RiskRewardCheck)[] = decided
    ? [
        ...qualityGateChecks(decided.pattern, decided.convictionTier, { rsi: analysis.rsi14[last], adx: analysis.adx14[last] }),
        {
          gate: 'R:R',
          value: decided.riskReward,
          threshold: params.gates.riskReward,
          passed: decided.riskReward >= params.gates.riskReward,
        },
      ]
    : [];
  const structure = decided?.convictionTier === 'HIGH' && decided.harmonic ? decided.harmonic : null;
  const completedAt = structure?.pivots.at(-1)?.timestamp;
  return {
    symbol,
    assetClass,
    timeframe,
    at: now.toISOString(),
    engineVersion: ENGINE_VERSION,
    paramsHash: hash,
    lastClosedBar: { ...window[last], closesAt: barCloseTime(window[last], timeframe, assetClass) },
    barsAnalysed: window.length,
    indicators,
    patterns: PATTERN_NAMES.filter((name) => flags[name]),
    decision: result.candidates.length > 0 ? 'CANDIDATE' : result.rejected.length > 0 ? 'REJECTED' : 'NO_PATTERN',
    conviction: decided
      ? {
          tier: decided.convictionTier,
          recencyBars: params.conviction.harmonicRecencyBars,
          structure: structure && completedAt !== undefined ? { type: structure.type, completedAt } : null,
        }
      : null,
    gates,
    candidate: result.candidates[0] ?? null,
    rejection: result.rejected[0] ? { signalId: result.rejected[0].signalId, reasons: result.rejected[0].reasons } : null,
  };
}
