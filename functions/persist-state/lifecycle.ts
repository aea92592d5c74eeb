import { RULES_VERSION, TERMINAL_STATUSES } from '../../shared/domain/signal.js';
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

/** One event and the signal as it stood right after it. */
export interface LifecycleStep {
  readonly event: LifecycleEvent;
  readonly signal: Signal;
}

export interface AdvanceResult {
  readonly signal: Signal;
  /** One step per transition, in the order they happened on the bar (none when nothing changed). */
  readonly steps: readonly LifecycleStep[];
}

interface BarContext {
  readonly bar: BarSnapshot;
  readonly barTime: number;
  readonly now: string;
  /** When the bar closed: the time of an exit on it. */
  readonly exitTime: string;
}

interface Transition {
  readonly type: TransitionEventType;
  readonly signal: Signal;
  readonly price: number;
}

/** The next take-profit of a stage: TP1 before any, TP2 after TP1, TP3 (a limit for the last quarter) after TP2. */
function nextTarget(
  signal: Signal,
  { exitTime }: BarContext,
): { readonly level: number; readonly take: (fill: number) => Transition } {
  switch (signal.status) {
    case 'TP1_HIT':
      return { level: signal.tp2, take: (fill) => profit('signal.tp2', signal, 'TP2_HIT', fill, signal.tp1) };
    case 'TP2_HIT':
      return {
        level: signal.tp3,
        take: (fill) => ({ type: 'signal.tp3', signal: closeOut(signal, 'TP3_HIT', 'TP3', fill, exitTime), price: fill }),
      };
    default:
      return { level: signal.tp1, take: (fill) => profit('signal.tp1', signal, 'TP1_HIT', fill, signal.entry) };
  }
}

/**
 * Applies one closed bar to a signal (rules version 2, DESIGN §6.9–12). Long only; OHLC cannot tell the order of
 * the moves inside a bar, so every ambiguity is resolved to the worse outcome and results are a lower bound.
 * 0. Guards (same signal object back, no event): terminal status; bar not newer than `lastBarTimestamp`
 *    (redelivered, or the signal's own bar); less than 300 s since `createdAt`.
 * 1. Open at or below the stop → stopped at the open.
 * 2. Walk the targets (TP1 → TP2 → TP3): open at or above the next target → filled at the open; else the stop
 *    touched → stopped at the stop, before a target the same bar also reached; else the target reached → filled
 *    at it. After a fill the stop rises to breakeven (TP1) or TP1 (TP2), and the walk goes on, so a bar that
 *    reaches TP1 and touches the new stop closes the rest there. TP3 closes the last quarter.
 * 3. Still open, at the close: a close under the invalidation level, or a bearish colour flip (engulfing,
 *    RSI > 80, a falling ADX above 50) → INVALIDATED; else no TP1 within `validityBars` bars → EXPIRED (a time stop).
 * 4. Still open after TP1: the stop ratchets up to the bar's chandelier exit (never down), `signal.trailed` when it rose.
 * A stop exit is named by where the stop stood: STOP, BREAKEVEN_STOP (at entry), TRAIL_STOP (above entry).
 */
export function advanceSignal(signal: Signal, bar: BarSnapshot, now: Date | string): AdvanceResult {
  const nowIso = isoInstant(now, 'now');
  const ctx: BarContext = {
    bar,
    barTime: checkBarSnapshot(bar),
    now: nowIso,
    exitTime: bar.closesAt === undefined ? nowIso : isoInstant(bar.closesAt, 'bar.closesAt'),
  };
  if (isGuarded(signal, ctx)) return { signal, steps: [] };
  let current: Signal = {
    ...signal,
    rulesVersion: RULES_VERSION,
    lastBarTimestamp: bar.timestamp,
    barsHeld: signal.barsHeld + 1,
    updatedAt: ctx.now,
  };
  const steps: LifecycleStep[] = [];
  const record = (step: Transition) => {
    current = step.signal;
    steps.push({ event: transitionEvent(step.type, step.signal, bar, step.price, ctx.now), signal: step.signal });
  };
  if (bar.open <= current.currentStop) record(stopOut(current, bar.open, ctx));
  while (isOpen(current)) {
    const target = nextTarget(current, ctx);
    if (bar.open >= target.level) record(target.take(bar.open));
    else if (bar.low <= current.currentStop) record(stopOut(current, current.currentStop, ctx));
    else if (bar.high >= target.level) record(target.take(target.level));
    else break;
  }
  if (!isOpen(current)) return { signal: current, steps };
  const atClose = invalidate(current, ctx) ?? expire(current, ctx);
  if (atClose) {
    record(atClose);
    return { signal: current, steps };
  }
  const trailed = trail(current, bar);
  if (trailed !== current) steps.push({ event: trailEvent(trailed, bar, current.currentStop, ctx.now), signal: trailed });
  return { signal: trailed, steps };
}

function isOpen(signal: Signal): boolean {
  return !TERMINAL_STATUSES.includes(signal.status);
}

function isGuarded(signal: Signal, { barTime, now }: BarContext): boolean {
  return (
    !isOpen(signal) ||
    barTime <= instantMs(signal.lastBarTimestamp, 'signal.lastBarTimestamp') ||
    instantMs(now, 'now') - instantMs(signal.createdAt, 'signal.createdAt') < CREATION_GRACE_MS
  );
}

function profit(type: TransitionEventType, signal: Signal, status: SignalStatus, fill: number, newStop: number): Transition {
  return { type, signal: takeProfit(signal, status, fill, newStop), price: fill };
}

function stopReason(signal: Signal): ExitReason {
  if (signal.currentStop > signal.entry) return 'TRAIL_STOP';
  return signal.tp1Reached && signal.currentStop === signal.entry ? 'BREAKEVEN_STOP' : 'STOP';
}

function stopOut(signal: Signal, price: number, { exitTime }: BarContext): Transition {
  return { type: 'signal.stopped', signal: closeOut(signal, 'STOPPED', stopReason(signal), price, exitTime), price };
}

function invalidate(signal: Signal, { bar, exitTime }: BarContext): Transition | null {
  const broken = signal.invalidation !== null && bar.close < signal.invalidation;
  const colourFlip = bar.bearishEngulfing === true || bar.rsi > 80 || (bar.adx > 50 && bar.adx < bar.adxPrevious);
  if (!broken && !colourFlip) return null;
  return {
    type: 'signal.invalidated',
    signal: closeOut(signal, 'INVALIDATED', 'INVALIDATED', bar.close, exitTime),
    price: bar.close,
  };
}

function expire(signal: Signal, { bar, exitTime }: BarContext): Transition | null {
  if (signal.tp1Reached || signal.barsHeld < signal.validityBars) return null;
  return { type: 'signal.expired', signal: closeOut(signal, 'EXPIRED', 'EXPIRED', bar.close, exitTime), price: bar.close };
}

function trail(signal: Signal, bar: BarSnapshot): Signal {
  const level = bar.chandelierLong;
  if (!RUNNER_STATUSES.includes(signal.status) || !Number.isFinite(level) || level <= signal.currentStop) return signal;
  return { ...signal, currentStop: level };
}
