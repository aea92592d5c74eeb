import type { AssetClass, Timeframe } from './bar.js';
import type { PatternName } from './patterns.js';
import type { ExitReason, Signal } from './signal.js';

/** What the statistics need of one ended signal; nothing is inferred from its status. */
export interface ClosedOutcome {
  /** Result in R of the initial risk, before costs. */
  readonly rGross: number;
  /** Result in R after fees and slippage on every fill. */
  readonly rNet: number;
  readonly exitReason: ExitReason;
  readonly pattern: PatternName;
  readonly assetClass: AssetClass;
  readonly timeframe: Timeframe;
  readonly barsHeld: number;
  readonly tp1Reached: boolean;
  /** ISO-8601 UTC; orders the cumulative R curve. */
  readonly exitTime: string;
}

/** The statistics of a set of ended signals; every rate and average is null for an empty set. */
export interface OutcomeStatistics {
  readonly count: number;
  /** Share with a positive net result. */
  readonly winRate: number | null;
  /** Share that filled TP1, whatever happened after. */
  readonly tp1Rate: number | null;
  /** Share that ended on the initial stop (exit reason STOP: a full loss, or worse on a gap). */
  readonly stopRate: number | null;
  /** Share that ended EXPIRED (the time stop). */
  readonly expiredShare: number | null;
  readonly averageRGross: number | null;
  readonly averageRNet: number | null;
  /** Net R expected per signal: win rate × average win − loss rate × average loss, i.e. the mean net R. */
  readonly expectancy: number | null;
  /** Sum of net wins over the sum of net losses; null without any loss. */
  readonly profitFactor: number | null;
  /** Largest fall of the cumulative net R curve (in exit-time order) from a previous high, the start counting as 0; ≥ 0. */
  readonly maxDrawdownR: number | null;
  readonly averageBarsHeld: number | null;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

const share = (outcomes: readonly ClosedOutcome[], holds: (outcome: ClosedOutcome) => boolean): number | null =>
  outcomes.length === 0 ? null : outcomes.filter(holds).length / outcomes.length;

/** The statistics of ended signals (pure; the `npm start` table and the analytics views use this definition). */
export function outcomeStatistics(outcomes: readonly ClosedOutcome[]): OutcomeStatistics {
  const net = outcomes.map((outcome) => outcome.rNet);
  const wins = net.filter((r) => r > 0).reduce((sum, r) => sum + r, 0);
  const losses = -net.filter((r) => r < 0).reduce((sum, r) => sum + r, 0);
  return {
    count: outcomes.length,
    winRate: share(outcomes, (outcome) => outcome.rNet > 0),
    tp1Rate: share(outcomes, (outcome) => outcome.tp1Reached),
    stopRate: share(outcomes, (outcome) => outcome.exitReason === 'STOP'),
    expiredShare: share(outcomes, (outcome) => outcome.exitReason === 'EXPIRED'),
    averageRGross: mean(outcomes.map((outcome) => outcome.rGross)),
    averageRNet: mean(net),
    expectancy: mean(net),
    profitFactor: losses > 0 ? wins / losses : null,
    maxDrawdownR: outcomes.length === 0 ? null : maxDrawdown(outcomes),
    averageBarsHeld: mean(outcomes.map((outcome) => outcome.barsHeld)),
  };
}

function maxDrawdown(outcomes: readonly ClosedOutcome[]): number {
  const ordered = outcomes
    .map((outcome, index) => ({ outcome, index }))
    .sort((a, b) => a.outcome.exitTime.localeCompare(b.outcome.exitTime) || a.index - b.index);
  let equity = 0;
  let peak = 0;
  let drawdown = 0;
  for (const { outcome } of ordered) {
    equity += outcome.rNet;
    peak = Math.max(peak, equity);
    drawdown = Math.max(drawdown, peak - equity);
  }
  return drawdown;
}

/** The statistics per group (e.g. per pattern), largest group first, ties in first-seen order. */
export function statisticsBy<K extends string>(
  outcomes: readonly ClosedOutcome[],
  keyOf: (outcome: ClosedOutcome) => K,
): [K, OutcomeStatistics][] {
  const groups = new Map<K, ClosedOutcome[]>();
  for (const outcome of outcomes) groups.set(keyOf(outcome), [...(groups.get(keyOf(outcome)) ?? []), outcome]);
  return [...groups]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([key, group]): [K, OutcomeStatistics] => [key, outcomeStatistics(group)]);
}

/** The outcome of an ended signal, or null while it is open. */
export function outcomeOf(signal: Signal): ClosedOutcome | null {
  if (signal.exitReason === null || signal.exitTime === null) return null;
  return {
    rGross: signal.realizedR,
    rNet: signal.realizedRNet,
    exitReason: signal.exitReason,
    pattern: signal.pattern,
    assetClass: signal.assetClass,
    timeframe: signal.timeframe,
    barsHeld: signal.barsHeld,
    tp1Reached: signal.tp1Reached,
    exitTime: signal.exitTime,
  };
}
