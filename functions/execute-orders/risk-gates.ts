import type { AssetClass } from '../../shared/domain/bar.js';
import type { TradingAccount } from '../../shared/trading/trading-types.js';

/** The gates a new entry passes, in the order they are checked. */
export const GATES = [
  'signal-age',
  'account-blocked',
  'kill-switch',
  'daily-drawdown',
  'max-positions',
  'one-per-symbol',
  'correlation',
  'exposure-cap',
] as const;
export type GateName = (typeof GATES)[number];

/** An open position as the gates see it. */
export interface OpenExposure {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  /** Dollars held (quantity × entry price). */
  readonly notional: number;
}

/** Everything the gates read; nothing is fetched while they run. */
export interface GateInput {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  /** The value of the entry sizing proposes (0 when sizing skips). */
  readonly plannedNotional: number;
  /**
   * How long prices have been moving since the signal was decided: for an equity, since the market next opened
   * (an order sent while it is closed meets the same open); negative when it was decided in the future. Null for
   * the simulated broker, which fills at the signal's own time.
   */
  readonly signalAgeMs: number | null;
  readonly account: TradingAccount;
  /** The kill switch's flag: no new entries while set. */
  readonly paused: boolean;
  readonly open: readonly OpenExposure[];
  /** Correlation of daily returns with each open symbol (null: not enough shared history). */
  readonly correlations: ReadonlyMap<string, number | null>;
  readonly limits: {
    /** MAX_EVENT_AGE_SECONDS: a signal older than this would be entered at prices it was not decided on. */
    readonly maxSignalAgeMs: number;
    readonly maxDailyDrawdownFraction: number;
    readonly maxPositions: Readonly<Record<AssetClass, number>>;
    readonly maxCorrelation: number;
    readonly maxExposureFraction: Readonly<Record<AssetClass, number>>;
  };
}

type Figures = Readonly<Record<string, number | string | boolean>>;

/** A gate's verdict: pass, or the gate that refused with its reason and figures. */
export type GateVerdict =
  { readonly pass: true } | { readonly pass: false; readonly gate: GateName; readonly reason: string; readonly figures: Figures };

const refuse = (gate: GateName, reason: string, figures: Figures): GateVerdict => ({ pass: false, gate, reason, figures });
const PASS: GateVerdict = { pass: true };

/**
 * A signal decided longer ago than events may be old (a republished past scan, an event the outbox sweep published
 * late), or in the future (a scan published with a later `asOf`): its entry would meet prices its levels were not
 * set for.
 */
export function signalAgeGate(input: GateInput): GateVerdict {
  const { signalAgeMs } = input;
  const limit = input.limits.maxSignalAgeMs;
  if (signalAgeMs === null) return PASS;
  const figures = { ageSeconds: Math.round(signalAgeMs / 1000), limitSeconds: Math.round(limit / 1000) };
  if (signalAgeMs < -CLOCK_SKEW_MS)
    return refuse('signal-age', `the signal was decided ${Math.round(-signalAgeMs / 60_000)} min in the future`, figures);
  if (signalAgeMs <= limit) return PASS;
  return refuse('signal-age', `the signal was decided ${Math.round(signalAgeMs / 60_000)} min ago`, figures);
}

/** Clocks of different instances may disagree this much: a signal decided as far ahead is not "in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Account or trading blocked, or figures that are not numbers: refuse (fail closed). */
export function accountGate(input: GateInput): GateVerdict {
  const { account } = input;
  if (account.accountBlocked || account.tradingBlocked) {
    return refuse('account-blocked', 'the account or its trading is blocked', {
      accountBlocked: account.accountBlocked,
      tradingBlocked: account.tradingBlocked,
    });
  }
  if (![account.equity, account.lastEquity, account.buyingPower, account.nonMarginableBuyingPower].every(Number.isFinite)) {
    return refuse('account-blocked', 'the account figures are unreadable', {});
  }
  return PASS;
}

export function killSwitchGate(input: GateInput): GateVerdict {
  return input.paused ? refuse('kill-switch', 'trading is paused by the kill switch', { paused: true }) : PASS;
}

/** Equity down from `last_equity` by more than the limit stops new entries for the day. */
export function drawdownGate(input: GateInput): GateVerdict {
  const { equity, lastEquity } = input.account;
  if (!(lastEquity > 0)) return refuse('daily-drawdown', 'last equity is not positive', { equity, lastEquity });
  const drawdown = (lastEquity - equity) / lastEquity;
  const limit = input.limits.maxDailyDrawdownFraction;
  return drawdown > limit
    ? refuse('daily-drawdown', `equity is down ${(drawdown * 100).toFixed(2)} % today`, { equity, lastEquity, drawdown, limit })
    : PASS;
}

export function maxPositionsGate(input: GateInput): GateVerdict {
  const held = input.open.filter((p) => p.assetClass === input.assetClass).length;
  const limit = input.limits.maxPositions[input.assetClass];
  return held >= limit
    ? refuse('max-positions', `${held} ${input.assetClass.toLowerCase()} positions are open`, { open: held, limit })
    : PASS;
}

export function onePerSymbolGate(input: GateInput): GateVerdict {
  return input.open.some((p) => p.symbol === input.symbol)
    ? refuse('one-per-symbol', `a position in ${input.symbol} is already open`, { symbol: input.symbol })
    : PASS;
}

/** Returns correlated above the limit with an open position count as the same exposure. */
export function correlationGate(input: GateInput): GateVerdict {
  for (const position of input.open) {
    const correlation = input.correlations.get(position.symbol) ?? null;
    if (correlation !== null && correlation > input.limits.maxCorrelation) {
      return refuse('correlation', `daily returns move with the open ${position.symbol}`, {
        with: position.symbol,
        correlation: Number(correlation.toFixed(4)),
        limit: input.limits.maxCorrelation,
      });
    }
  }
  return PASS;
}

/** The asset class's open value plus this entry may not exceed its share of equity. */
export function exposureGate(input: GateInput): GateVerdict {
  const held = input.open.filter((p) => p.assetClass === input.assetClass).reduce((sum, p) => sum + p.notional, 0);
  const cap = input.limits.maxExposureFraction[input.assetClass] * input.account.equity;
  const after = held + input.plannedNotional;
  return after > cap
    ? refuse(
        'exposure-cap',
        `${input.assetClass.toLowerCase()} exposure would reach ${after.toFixed(2)} of ${cap.toFixed(2)} allowed`,
        { held, planned: input.plannedNotional, cap },
      )
    : PASS;
}

const CHECKS: readonly ((input: GateInput) => GateVerdict)[] = [
  signalAgeGate,
  accountGate,
  killSwitchGate,
  drawdownGate,
  maxPositionsGate,
  onePerSymbolGate,
  correlationGate,
  exposureGate,
];

/** Runs the gates in order; the first refusal wins. A gate that throws refuses (fail closed). */
export function checkGates(input: GateInput): GateVerdict {
  for (const [index, check] of CHECKS.entries()) {
    let verdict: GateVerdict;
    try {
      verdict = check(input);
    } catch (error) {
      verdict = refuse(GATES[index], `the gate failed: ${error instanceof Error ? error.message : String(error)}`, {});
    }
    if (!verdict.pass) return verdict;
  }
  return PASS;
}
