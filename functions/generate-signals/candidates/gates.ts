import type { ConvictionTier, Levels } from '../../../shared/domain/signal.js';
import type { PatternName } from '../../../shared/domain/patterns.js';
import { ADX_GATED, ENGINE_PARAMS, VOLUME_GATED } from './params.js';
import { riskReward } from './levels.js';

/** Indicator readings the quality gates look at. */
export interface GateInputs {
  readonly volumeRatio: number;
  readonly rsi: number;
  readonly adx: number;
}

const { volumeRatio, adxMin, riskReward: minRiskReward, rsiMax } = ENGINE_PARAMS.gates;
/** `value` with as few decimals (1–6) as it takes not to print as its threshold. */
function beside(value: number, limit: number, minDecimals = 1): string {
  let decimals = minDecimals;
  while (decimals < 6 && Number(value.toFixed(decimals)) === limit) decimals++;
  return value.toFixed(decimals);
}

const threshold = (pair: { standard: number; relaxed: number }, tier: ConvictionTier) =>
  tier === 'HIGH' ? pair.relaxed : pair.standard;

/**
 * Why a setup is not good enough to trade (reference §3.1 step 3), in the reference's wording (a value
 * just past its threshold gets the decimals it needs not to read as equal to it); empty when it passes. HIGH conviction (a harmonic agrees) relaxes the volume and ADX bars.
 * A reading still in warm-up (NaN) fails no gate, as a NaN comparison is false in the reference.
 */
export function qualityGateFailures(pattern: PatternName, tier: ConvictionTier, inputs: GateInputs): string[] {
  const reasons: string[] = [];
  const minVolume = threshold(volumeRatio, tier);
  if (VOLUME_GATED.has(pattern) && inputs.volumeRatio < minVolume) {
    reasons.push(`Volume ${beside(inputs.volumeRatio, minVolume)}x < ${minVolume}x`);
  }
  if (inputs.rsi > rsiMax) reasons.push(`RSI ${beside(inputs.rsi, rsiMax, 0)} > ${rsiMax} (Overbought)`);
  const minAdx = threshold(adxMin, tier);
  if (ADX_GATED.has(pattern) && inputs.adx < minAdx) {
    reasons.push(`ADX ${beside(inputs.adx, minAdx, 0)} < ${minAdx} (Weak Trend)`);
  }
  return reasons;
}

/** Problems with the levels themselves (reference §3.1 step 4), prefixed as the reference does. */
export function levelValidationFailures(levels: Levels, tier: ConvictionTier): string[] {
  const errors: string[] = [];
  if (!(levels.stop > 0)) errors.push(`Invalid Stop: ${levels.stop}`);
  if (!(levels.tp1 > 0)) errors.push(`Invalid TP1: ${levels.tp1}`);
  if (levels.stop >= levels.entry) errors.push(`Stop ${levels.stop} not below entry ${levels.entry}`);
  const minRr = threshold(minRiskReward, tier);
  const rr = riskReward(levels);
  if (errors.length === 0 && rr < minRr) errors.push(`R:R ${beside(rr, minRr)} < ${minRr}`);
  return errors.length > 0 ? [`VALIDATION_FAILED: ${errors.join(', ')}`] : [];
}
