import { timeframeMs } from '../../shared/domain/bar.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { PatternName } from '../../shared/domain/patterns.js';
import type { Signal, SignalStatus } from '../../shared/domain/signal.js';
import { instantMs, isoInstant } from './time.js';

/** SYMBOL: any recent exit of the symbol blocks; PATTERN: only an exit of the same symbol and pattern. */
export type CooldownScope = 'SYMBOL' | 'PATTERN';

export const DEFAULT_COOLDOWN_ESCAPE_PCT = 10;

/**
 * Exits that start a cool-down. STOPPED and INVALIDATED count (no revenge trade after a loss). EXPIRED does
 * not: the setup lapsed before any decision about the market was made, so there is nothing to avenge.
 */
export const COOLDOWN_EXIT_STATUSES: readonly SignalStatus[] = ['TP3_HIT', 'STOPPED', 'INVALIDATED'];

export interface CooldownArgs {
  readonly candidate: {
    readonly symbol: string;
    readonly pattern: PatternName;
    readonly entry: number;
    readonly timeframe: Timeframe;
    /** Open time of the candidate's bar. */
    readonly barTimestamp: string;
  };
  /** The symbol's recent signals; others are ignored. */
  readonly pastSignals: readonly Signal[];
  readonly now: Date | string;
  readonly scope: CooldownScope;
  /** How many bars after the exit's bar a new entry near the exit price is blocked (inclusive). */
  readonly cooldownBars: number;
  readonly escapePct?: number;
  /**
   * Open times of the closed bars the decision saw (the analysis window), oldest first. Bars since an exit are
   * counted in it; an exit older than the window is counted by elapsed time instead.
   */
  readonly barTimes?: readonly string[];
}

export interface CooldownExit {
  readonly signalId: string;
  readonly status: SignalStatus;
  readonly exitPrice: number;
  readonly exitTime: string;
  /** Bars of the candidate's timeframe from the exit's bar to the candidate's bar. */
  readonly barsSince: number;
  /** |entry − exitPrice| / exitPrice × 100 */
  readonly distancePct: number;
}

export interface CooldownVerdict {
  readonly blocked: boolean;
  readonly reason?: string;
  /** The most recent qualifying exit, the one that decided. */
  readonly exit?: CooldownExit;
}

/**
 * Reference §3.3 counted in bars (DESIGN §6.8): within `cooldownBars` bars after the bar a signal exited on, a new
 * entry within `escapePct` of the exit price is blocked. Only the most recent exit decides; exits after `now` are
 * not known yet and are ignored.
 */
export function isInCooldown(args: CooldownArgs): CooldownVerdict {
  const { candidate, scope, cooldownBars } = args;
  const escapePct = args.escapePct ?? DEFAULT_COOLDOWN_ESCAPE_PCT;
  requireNumber('cooldownBars', cooldownBars, cooldownBars >= 0 && Number.isInteger(cooldownBars));
  requireNumber('escapePct', escapePct, escapePct >= 0);
  requireNumber('candidate.entry', candidate.entry, candidate.entry > 0);
  const nowMs = Date.parse(isoInstant(args.now, 'now'));
  let latest: { signal: Signal; exitPrice: number; exitTime: string; time: number; barsSince: number } | null = null;
  for (const signal of args.pastSignals) {
    const { exitPrice, exitTime } = signal;
    if (signal.symbol !== candidate.symbol || (scope === 'PATTERN' && signal.pattern !== candidate.pattern)) continue;
    if (!COOLDOWN_EXIT_STATUSES.includes(signal.status) || exitPrice === null || exitTime === null) continue;
    const time = instantMs(exitTime, 'exitTime');
    if (time > nowMs) continue;
    // Bars after the exit's bar on its own timeframe; on another, the candidate's bars after the one that closed at the
    // exit (a 4-hour bar inside the daily exit bar closed before the exit, and is not a bar since it).
    const since =
      signal.timeframe === candidate.timeframe
        ? signal.lastBarTimestamp
        : new Date(time - timeframeMs(candidate.timeframe)).toISOString();
    const barsSince = barsBetween(since, candidate.barTimestamp, candidate.timeframe, args.barTimes);
    if (barsSince > cooldownBars) continue;
    if (latest === null || time > latest.time) latest = { signal, exitPrice, exitTime, time, barsSince };
  }
  if (latest === null) return { blocked: false };
  const distancePct = (Math.abs(candidate.entry - latest.exitPrice) / latest.exitPrice) * 100;
  const exit: CooldownExit = {
    signalId: latest.signal.signalId,
    status: latest.signal.status,
    exitPrice: latest.exitPrice,
    exitTime: latest.exitTime,
    barsSince: latest.barsSince,
    distancePct,
  };
  if (distancePct >= escapePct) return { blocked: false, exit };
  const reason =
    `${candidate.symbol} exited ${latest.signal.status} at ${latest.exitPrice} on ${latest.exitTime}, ` +
    `${latest.barsSince} of ${cooldownBars} cool-down bars ago; entry ${candidate.entry} is ${distancePct.toFixed(2)} % away (< ${escapePct} %)`;
  return { blocked: true, reason, exit };
}

/**
 * Bars after `fromBar` up to and including `toBar` (both open times): counted in `barTimes` when it reaches back
 * to `fromBar`, else estimated from the elapsed time.
 */
export function barsBetween(fromBar: string, toBar: string, timeframe: Timeframe, barTimes?: readonly string[]): number {
  const fromMs = instantMs(fromBar, 'fromBar');
  const toMs = instantMs(toBar, 'toBar');
  if (barTimes !== undefined && barTimes.length > 0 && Date.parse(barTimes[0]) <= fromMs) {
    return barTimes.filter((time) => Date.parse(time) > fromMs && Date.parse(time) <= toMs).length;
  }
  return Math.max(0, Math.round((toMs - fromMs) / timeframeMs(timeframe)));
}

function requireNumber(argument: string, value: number, inRange: boolean): void {
  if (!Number.isFinite(value) || !inRange) throw new InvalidArgumentError(argument, `is out of range: ${value}`);
}
