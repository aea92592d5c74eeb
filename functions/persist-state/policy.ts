import type { Config } from '../../shared/config/config.types.js';
import type { AssetClass, Timeframe } from '../../shared/domain/bar.js';
import type { TradingCosts } from '../../shared/domain/signal.js';
import type { CooldownScope } from './cooldown.js';

/** SYMBOL: one open signal per symbol across timeframes (the reference); TIMEFRAME: one per symbol and timeframe. */
export type OpenSignalScope = 'SYMBOL' | 'TIMEFRAME';

/** The configurable parts of the lifecycle and admission rules (DESIGN §6.8–12), read by persistState. */
export interface LifecyclePolicy {
  /** Bars within which TP1 or the stop must be reached, else EXPIRED at that bar's close. */
  readonly validityBars: Readonly<Record<Timeframe, number>>;
  /** Bars after an exit during which a new entry near the exit price is blocked. */
  readonly cooldownBars: Readonly<Record<Timeframe, number>>;
  /** A new entry at least this far (percent) from the exit price escapes the cooldown. */
  readonly cooldownEscapePct: number;
  readonly cooldownScope: CooldownScope;
  readonly openSignalScope: OpenSignalScope;
  /** Fee per side and slippage by asset class, recorded on each signal when it is created. */
  readonly costs: Readonly<Record<AssetClass, TradingCosts>>;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  validityBars: { '1Day': 5, '4Hour': 12, '1Hour': 24 },
  cooldownBars: { '1Day': 2, '4Hour': 12, '1Hour': 48 },
  cooldownEscapePct: 10,
  cooldownScope: 'SYMBOL',
  openSignalScope: 'SYMBOL',
  costs: { CRYPTO: { feePctPerSide: 0.25, slippageBps: 0 }, EQUITY: { feePctPerSide: 0, slippageBps: 0 } },
};

/** The default policy with some parts replaced. */
export function lifecyclePolicy(overrides: Partial<LifecyclePolicy> = {}): LifecyclePolicy {
  return { ...DEFAULT_LIFECYCLE_POLICY, ...overrides };
}

/** The policy a configured instance runs under. */
export function policyFromConfig(config: Pick<Config, 'risk' | 'lifecycle'>): LifecyclePolicy {
  return {
    ...DEFAULT_LIFECYCLE_POLICY,
    ...config.lifecycle,
    cooldownScope: config.risk.cooldownScope,
  };
}
