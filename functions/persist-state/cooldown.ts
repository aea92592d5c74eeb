import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { PatternName } from '../../shared/domain/patterns.js';
import type { Signal, SignalStatus } from '../../shared/domain/signal.js';
import { instantMs, isoInstant } from './time.js';

/** SYMBOL: any recent exit of the symbol blocks; PATTERN: only an exit of the same symbol and pattern. */
export type CooldownScope = 'SYMBOL' | 'PATTERN';

export const DEFAULT_COOLDOWN_WINDOW_HOURS = 48;
export const DEFAULT_COOLDOWN_ESCAPE_PCT = 10;

/**
 * Exits that start a cool-down. STOPPED and INVALIDATED count (no revenge trade after a loss). EXPIRED does
 * not: the setup lapsed before any decision about the market was made, so there is nothing to avenge.
 */
export const COOLDOWN_EXIT_STATUSES: readonly SignalStatus[] = ['TP3_HIT', 'STOPPED', 'INVALIDATED'];

export interface CooldownArgs {
  readonly candidate: { readonly symbol: string; readonly pattern: PatternName; readonly entry: number };
  /** The symbol's recent signals; others are ignored. */
  readonly pastSignals: readonly Signal[];
  readonly now: Date | string;
  readonly scope: CooldownScope;
  readonly windowHours?: number;
  readonly escapePct?: number;
}

export interface CooldownExit {
  readonly signalId: string;
  readonly status: SignalStatus;
  readonly exitPrice: number;
  readonly exitTime: string;
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
 * Reference §3.3: after an exit within `windowHours` (inclusive), a new entry within `escapePct` of the exit
 * price is blocked. Only the most recent exit decides; exits after `now` are not known yet and are ignored.
 */
export function isInCooldown(args: CooldownArgs): CooldownVerdict {
  const { candidate, scope } = args;
  const windowHours = args.windowHours ?? DEFAULT_COOLDOWN_WINDOW_HOURS;
  const escapePct = args.escapePct ?? DEFAULT_COOLDOWN_ESCAPE_PCT;
  requireNumber('windowHours', windowHours, windowHours > 0);
  requireNumber('escapePct', escapePct, escapePct >= 0);
  requireNumber('candidate.entry', candidate.entry, candidate.entry > 0);
  const nowMs = Date.parse(isoInstant(args.now, 'now'));
  const since = nowMs - windowHours * 3_600_000;
  let latest: { signal: Signal; exitPrice: number; exitTime: string; time: number } | null = null;
  for (const signal of args.pastSignals) {
    const { exitPrice, exitTime } = signal;
    if (signal.symbol !== candidate.symbol || (scope === 'PATTERN' && signal.pattern !== candidate.pattern)) continue;
    if (!COOLDOWN_EXIT_STATUSES.includes(signal.status) || exitPrice === null || exitTime === null) continue;
    const time = instantMs(exitTime, 'exitTime');
    if (time < since || time > nowMs) continue;
    if (latest === null || time > latest.time) latest = { signal, exitPrice, exitTime, time };
  }
  if (latest === null) return { blocked: false };
  const distancePct = (Math.abs(candidate.entry - latest.exitPrice) / latest.exitPrice) * 100;
  const exit: CooldownExit = {
    signalId: latest.signal.signalId,
    status: latest.signal.status,
    exitPrice: latest.exitPrice,
    exitTime: latest.exitTime,
    distancePct,
  };
  if (distancePct >= escapePct) return { blocked: false, exit };
  const reason =
    `${candidate.symbol} exited ${latest.signal.status} at ${latest.exitPrice} on ${latest.exitTime}; ` +
    `entry ${candidate.entry} is ${distancePct.toFixed(2)} % away (< ${escapePct} %)`;
  return { blocked: true, reason, exit };
}

function requireNumber(argument: string, value: number, inRange: boolean): void {
  if (!Number.isFinite(value) || !inRange) throw new InvalidArgumentError(argument, `is out of range: ${value}`);
}
