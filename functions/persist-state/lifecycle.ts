import { TERMINAL_STATUSES } from '../../shared/domain/signal.js';
import type { BarSnapshot, ExitReason, Signal, SignalStatus } from '../../shared/domain/signal.js';
import { checkBarSnapshot } from './bar-snapshot.js';
import { trailEvent, transitionEvent } from './lifecycle-event.js';
import type { LifecycleEvent, TransitionEventType } from './lifecycle-event.js';
import { closeOut, takeProfit } from './scale-out.js';
import { instantMs, isoInstant } from './time.js';

export type { LifecycleEvent, LifecycleEventType } from './lifecycle-event.js';

/** The reference skips a signal for its first 5 minutes, so the bar it was born on is never re-applied. */
export const CREATION_GRACE_MS = 300_000;

const RUNNER_STATUSES: readonly SignalStatus[] = ['TP1_HIT', 'TP2_HIT'];

export interface AdvanceResult {
  readonly signal: Signal;
  readonly event: LifecycleEvent | null;
}

interface BarContext {
  readonly bar: BarSnapshot;
  readonly barTime: number;
  readonly now: string;
}

interface Transition {
  readonly type: TransitionEventType;
  readonly signal: Signal;
  readonly price: number;
}

/**
 * Applies one closed bar to a signal. Steps, in order; the first status change wins:
 * 0. Guards (same signal object back, no event): terminal status; bar not newer than `lastBarTimestamp`
 *    (redelivered, or the signal's own bar); less than 300 s since `createdAt`.
 * 1. Expiry: WAITING and the bar opened at or after `validUntil` → EXPIRED at the open. ACTIVE never expires.
 * 2. Stop: low ≤ currentStop → STOPPED at min(open, currentStop). Checked before any take-profit: when a bar
 *    touches both we cannot know which came first, and assuming the stop keeps the backtest honest.
 * 3. Trail (TP1_HIT/TP2_HIT): a finite chandelier above tp3 raises tp3; it never falls.
 * 4. Runner exit (TP1_HIT/TP2_HIT): close < chandelier → TP3_HIT if close > entry, else STOPPED; at the close.
 * 5. TP2 (from TP1_HIT): high ≥ tp2 → TP2_HIT, stop moves to tp1.
 * 6. TP1 (from WAITING/ACTIVE): high ≥ tp1 → TP1_HIT, stop moves to entry (breakeven).
 * 7. Invalidation: close < invalidation → STRUCTURAL_INVALIDATION; else bearish engulfing, RSI > 80 or a
 *    falling ADX above 50 → COLOR_FLIP; at the close. NaN indicators never fire.
 * 8. No status change but the trail moved → `signal.trailed`.
 * Checking TP3 → TP2 → TP1 allows at most one status step per bar. A take-profit fills at its level, or at
 * the open when the bar gapped above it. Every applied bar sets `lastBarTimestamp` and `updatedAt`.
 */
export function advanceSignal(signal: Signal, bar: BarSnapshot, now: Date | string): AdvanceResult {
  const ctx: BarContext = { bar, barTime: checkBarSnapshot(bar), now: isoInstant(now, 'now') };
  if (isGuarded(signal, ctx)) return { signal, event: null };
  const applied: Signal = { ...signal, lastBarTimestamp: bar.timestamp, updatedAt: ctx.now };
  const early = expire(applied, ctx) ?? stop(applied, ctx);
  if (early) return emit(early, ctx);
  const trailed = trail(applied, bar);
  const step = runnerExit(trailed, ctx) ?? takeTp2(trailed, bar) ?? takeTp1(trailed, bar) ?? invalidate(trailed, ctx);
  if (step) return emit(step, ctx);
  if (trailed.tp3 === signal.tp3) return { signal: trailed, event: null };
  return { signal: trailed, event: trailEvent(trailed, bar, signal.tp3, ctx.now) };
}

function isGuarded(signal: Signal, { barTime, now }: BarContext): boolean {
  return (
    TERMINAL_STATUSES.includes(signal.status) ||
    barTime <= instantMs(signal.lastBarTimestamp, 'signal.lastBarTimestamp') ||
    instantMs(now, 'now') - instantMs(signal.createdAt, 'signal.createdAt') < CREATION_GRACE_MS
  );
}

function emit({ type, signal, price }: Transition, { bar, now }: BarContext): AdvanceResult {
  return { signal, event: transitionEvent(type, signal, bar, price, now) };
}

function exit(
  type: TransitionEventType,
  signal: Signal,
  status: SignalStatus,
  reason: ExitReason,
  price: number,
  now: string,
): Transition {
  return { type, signal: closeOut(signal, status, reason, price, now), price };
}

function expire(signal: Signal, { bar, barTime, now }: BarContext): Transition | null {
  if (signal.status !== 'WAITING' || barTime < instantMs(signal.validUntil, 'signal.validUntil')) return null;
  return exit('signal.expired', signal, 'EXPIRED', 'EXPIRED', bar.open, now);
}

function stop(signal: Signal, { bar, now }: BarContext): Transition | null {
  if (bar.low > signal.currentStop) return null;
  return exit('signal.stopped', signal, 'STOPPED', 'STOP_LOSS', Math.min(bar.open, signal.currentStop), now);
}

function trail(signal: Signal, bar: BarSnapshot): Signal {
  const level = bar.chandelierLong;
  if (!RUNNER_STATUSES.includes(signal.status) || !Number.isFinite(level) || level <= signal.tp3) return signal;
  return { ...signal, tp3: level };
}

function runnerExit(signal: Signal, { bar, now }: BarContext): Transition | null {
  const level = bar.chandelierLong;
  if (!RUNNER_STATUSES.includes(signal.status) || !Number.isFinite(level) || bar.close >= level) return null;
  return bar.close > signal.entry
    ? exit('signal.tp3', signal, 'TP3_HIT', 'TP_HIT', bar.close, now)
    : exit('signal.stopped', signal, 'STOPPED', 'STOP_LOSS', bar.close, now);
}

function takeTp2(signal: Signal, bar: BarSnapshot): Transition | null {
  if (signal.status !== 'TP1_HIT' || bar.high < signal.tp2) return null;
  const fill = Math.max(bar.open, signal.tp2);
  return { type: 'signal.tp2', signal: takeProfit(signal, 'TP2_HIT', fill, signal.tp1), price: fill };
}

function takeTp1(signal: Signal, bar: BarSnapshot): Transition | null {
  if ((signal.status !== 'WAITING' && signal.status !== 'ACTIVE') || bar.high < signal.tp1) return null;
  const fill = Math.max(bar.open, signal.tp1);
  return { type: 'signal.tp1', signal: takeProfit(signal, 'TP1_HIT', fill, signal.entry), price: fill };
}

function invalidate(signal: Signal, { bar, now }: BarContext): Transition | null {
  if (signal.invalidation !== null && bar.close < signal.invalidation) {
    return exit('signal.invalidated', signal, 'INVALIDATED', 'STRUCTURAL_INVALIDATION', bar.close, now);
  }
  const colourFlip = bar.bearishEngulfing === true || bar.rsi > 80 || (bar.adx > 50 && bar.adx < bar.adxPrevious);
  return colourFlip ? exit('signal.invalidated', signal, 'INVALIDATED', 'COLOR_FLIP', bar.close, now) : null;
}
