import type { Levels } from '../../../shared/domain/signal.js';
import type { PatternName } from '../../../shared/domain/patterns.js';
import { ENGINE_PARAMS } from './params.js';

/** What the level rules need of the signal bar. */
export interface LevelInputs {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** ATR(14) at the bar; NaN during warm-up counts as 0. */
  readonly atr: number;
}

const { stopBelowAnchorWithoutAtr, atrTargets, flatTargets, bullFlagPoleAtr, bullFlagTargets } = ENGINE_PARAMS.levels;

/** The invalidation anchor per pattern (reference §3.2); null means "stop below the bar's low". */
function invalidationFor(pattern: PatternName, bar: LevelInputs): number | null {
  switch (pattern) {
    case 'BULLISH_HAMMER':
    case 'MORNING_STAR':
    case 'BULL_FLAG':
      return bar.low;
    case 'BULLISH_ENGULFING':
      return bar.open;
    case 'BULLISH_MARUBOZU':
      return (bar.open + bar.close) / 2;
    default:
      return null;
  }
}

/**
 * Entry, stop, invalidation and TP1–TP3 of a long setup on its signal bar (reference §3.2): entry at
 * the close, stop `stopBufferAtr` ATR14 under the invalidation anchor (or the low; 1 % under it while ATR is
 * warming up), targets at 2/4/6 ATR, or for a bull flag at 0.5/1/1.5 poles. The reference's 1 % buffer was
 * 0.16 ATR on ETH and 0.83 ATR on SPY: a buffer in ATR is the same distance in volatility on every asset.
 */
export function levelsFor(
  pattern: PatternName,
  bar: LevelInputs,
  stopBufferAtr: number = ENGINE_PARAMS.levels.stopBufferAtr,
): Levels {
  const atr = Number.isFinite(bar.atr) && bar.atr > 0 ? bar.atr : 0;
  const entry = bar.close;
  const invalidation = invalidationFor(pattern, bar);
  const anchor = invalidation ?? bar.low;
  const stop = atr > 0 ? anchor - stopBufferAtr * atr : anchor * stopBelowAnchorWithoutAtr;
  let targets: number[];
  if (pattern === 'BULL_FLAG') {
    const pole = Math.max(bullFlagPoleAtr * atr, bar.high - bar.low);
    targets = bullFlagTargets.map((multiple) => entry + multiple * pole);
  } else if (atr > 0) {
    targets = atrTargets.map((multiple) => entry + multiple * atr);
  } else {
    targets = flatTargets.map((factor) => entry * factor);
  }
  return { entry, stop, invalidation, tp1: targets[0], tp2: targets[1], tp3: targets[2] };
}

/** Reward to risk at TP1: |TP1 − entry| / |entry − stop| (0 when there is no risk to measure). */
export function riskReward(levels: Levels): number {
  const risk = Math.abs(levels.entry - levels.stop);
  return risk > 0 ? Math.abs(levels.tp1 - levels.entry) / risk : 0;
}
