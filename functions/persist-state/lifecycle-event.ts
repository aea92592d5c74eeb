import { eventIdFor } from '../../shared/domain/ids.js';
import type { BarSnapshot, ExitReason, LifecycleEventType, Signal, SignalStatus } from '../../shared/domain/signal.js';
import type { Timeframe } from '../../shared/domain/bar.js';

export { LIFECYCLE_EVENT_TYPES } from '../../shared/domain/signal.js';
export type { LifecycleEventType } from '../../shared/domain/signal.js';
export type TransitionEventType = Exclude<LifecycleEventType, 'signal.trailed'>;

/** What one bar did to a signal, published downstream; `eventId` is stable so a redelivered bar dedupes. */
export interface LifecycleEvent {
  readonly eventId: string;
  readonly type: LifecycleEventType;
  readonly signalId: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly barTimestamp: string;
  readonly occurredAt: string;
  /** Status after the bar. */
  readonly status: SignalStatus;
  /** Fill or exit price of the transition; for `signal.trailed`, the new trailing level. */
  readonly price: number;
  readonly previousTp3?: number;
  readonly newTp3?: number;
  /** Running result in R after the transition (absent on `signal.trailed`). */
  readonly realizedR?: number;
  readonly exitReason?: ExitReason;
}

function common(signal: Signal, bar: BarSnapshot, now: string) {
  return {
    signalId: signal.signalId,
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    barTimestamp: bar.timestamp,
    occurredAt: now,
    status: signal.status,
  };
}

/** The event of a status transition: each happens at most once per signal, so the type names it. */
export function transitionEvent(
  type: TransitionEventType,
  signal: Signal,
  bar: BarSnapshot,
  price: number,
  now: string,
): LifecycleEvent {
  return {
    eventId: eventIdFor(signal.signalId, type),
    type,
    ...common(signal, bar, now),
    price,
    realizedR: signal.realizedR,
    ...(signal.exitReason === null ? {} : { exitReason: signal.exitReason }),
  };
}

/** The event of a trailing-stop raise: it can repeat, so the bar's time is part of its id. */
export function trailEvent(signal: Signal, bar: BarSnapshot, previousTp3: number, now: string): LifecycleEvent {
  return {
    eventId: eventIdFor(signal.signalId, `trailed|${bar.timestamp}`),
    type: 'signal.trailed',
    ...common(signal, bar, now),
    price: signal.tp3,
    previousTp3,
    newTp3: signal.tp3,
  };
}
