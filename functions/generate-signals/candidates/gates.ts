import type { ConvictionTier, Levels } from '../../../shared/domain/signal.js';
import type { PatternName } from '../../../shared/domain/patterns.js';
import { ADX_GATED, ENGINE_PARAMS } from './params.js';
import { riskReward } from './levels.js';

/** Indicator readings the quality gates look at. */
export interface GateInputs {
  readonly rsi: number;
  readonly adx: number;
}

const { adxMin, riskReward: minRiskReward, rsiMax } = ENGINE_PARAMS.gates;
/** `value` with as few decimals (1–6) as it takes not to print as its threshold. */
function beside(value: number, limit: number, minDecimals = 1): string {
  let decimals = minDecimals;
  while (decimals < 6 && Number(value.toFixed(decimals)) === limit) decimals++;
  return value.toFixed(decimals);
}

/** One quality gate as `explain` shows it: its name, whether it applied, its reading and its threshold. */
export interface GateCheck {
  readonly gate: 'RSI' | 'ADX' | 'R:R';
  readonly applies: boolean;
  readonly value: number;
  readonly threshold: number;
  readonly passed: boolean;
  /** The rejection reason when it failed. */
  readonly reason?: string;
}

/**
 * The quality gates (reference §3.1 step 3) one by one. RSI ≤ 70 for every pattern; ADX ≥ 20 for the
 * trend-following ones (15 for HIGH conviction). The reference's volume gate is gone: every pattern it covered
 * already demands volume over 1.5 × its 20-bar mean, so it could never reject. A reading still in warm-up (NaN)
 * fails no gate, as a NaN comparison is false in the reference.
 */
export function qualityGateChecks(pattern: PatternName, tier: ConvictionTier, inputs: GateInputs): GateCheck[] {
  const overbought = inputs.rsi > rsiMax;
  const rsi: GateCheck = {
    gate: 'RSI',
    applies: true,
    value: inputs.rsi,
    threshold: rsiMax,
    passed: !overbought,
    ...(overbought ? { reason: `RSI ${beside(inputs.rsi, rsiMax, 0)} > ${rsiMax} (Overbought)` } : {}),
  };
  const minAdx = tier === 'HIGH' ? adxMin.relaxed : adxMin.standard;
  const applies = ADX_GATED.has(pattern);
  const weak = applies && inputs.adx < minAdx;
  const adx: GateCheck = {
    gate: 'ADX',
    applies,
    value: inputs.adx,
    threshold: minAdx,
    passed: !weak,
    ...(weak ? { reason: `ADX ${beside(inputs.adx, minAdx, 0)} < ${minAdx} (Weak Trend)` } : {}),
  };
  return [rsi, adx];
}

/** Why a setup is not good enough to trade, in the reference's wording; empty when it passes. */
export function qualityGateFailures(pattern: PatternName, tier: ConvictionTier, inputs: GateInputs): string[] {
  return qualityGateChecks(pattern, tier, inputs).flatMap((check) => (check.reason === undefined ? [] : [check.reason]));
}

/**
 * Problems with the levels themselves (reference §3.1 step 4), prefixed as the reference does. R:R must reach
 * 1.5 whatever the conviction (the reference relaxed it to 1.2 for HIGH).
 */
export function levelValidationFailures(levels: Levels): string[] {
  const errors: string[] = [];
  if (!(levels.stop > 0)) errors.push(`Invalid Stop: ${levels.stop}`);
  if (!(levels.tp1 > 0)) errors.push(`Invalid TP1: ${levels.tp1}`);
  if (levels.stop >= levels.entry) errors.push(`Stop ${levels.stop} not below entry ${levels.entry}`);
  const rr = riskReward(levels);
  if (errors.length === 0 && rr < minRiskReward) errors.push(`R:R ${beside(rr, minRiskReward)} < ${minRiskReward}`);
  return errors.length > 0 ? [`VALIDATION_FAILED: ${errors.join(', ')}`] : [];
}
