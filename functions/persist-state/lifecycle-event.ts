import { eventIdFor } from '../../shared/domain/ids.js';
import type { BarSnapshot, ExitReason, LifecycleEventType, Signal, SignalStatus } from '../../shared/domain/signal.js';
import type { Timeframe } from '../../shared/domain/bar.js';

export { LIFECYCLE_EVENT_TYPES } from '../../shared/domain/signal.js';
export type { LifecycleEventType } from '../../shared/domain/signal.js';
export type TransitionEventType = Exclude<LifecycleEventType, 'signal.trailed' | 'signal.gap'>;

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
  /** Fill or exit price of the transition; for `signal.trailed`, the new stop; for `signal.gap`, the open of the first bar after the hole. */
  readonly price: number;
  /** `signal.trailed`: the stop before and after the bar. */
  readonly previousStop?: number;
  readonly newStop?: number;
  /** `signal.gap`: the last bar applied before the hole and the first bar applied after it. */
  readonly gapFrom?: string;
  readonly gapTo?: string;
  /** Running result in R after the transition, gross and net of costs (absent on `signal.trailed` and `signal.gap`). */
  readonly realizedR?: number;
  readonly realizedRNet?: number;
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
    realizedRNet: signal.realizedRNet,
    ...(signal.exitReason === null ? {} : { exitReason: signal.exitReason }),
  };
}

/** The event of a stop raise by the trail: it can repeat, so the bar's time is part of its id. */
export function trailEvent(signal: Signal, bar: BarSnapshot, previousStop: number, now: string): LifecycleEvent {
  return {
    eventId: eventIdFor(signal.signalId, `trailed|${bar.timestamp}`),
    type: 'signal.trailed',
    ...common(signal, bar, now),
    price: signal.currentStop,
    previousStop,
    newStop: signal.currentStop,
  };
}

/** A hole between the last applied bar and the oldest bar an analysis holds (DESIGN §6.9): reported, never skipped silently. */
export function gapEvent(signal: Signal, resumeBar: BarSnapshot, now: string): LifecycleEvent {
  return {
    eventId: eventIdFor(signal.signalId, `gap|${signal.lastBarTimestamp}|${resumeBar.timestamp}`),
    type: 'signal.gap',
    ...common(signal, resumeBar, now),
    price: resumeBar.open,
    gapFrom: signal.lastBarTimestamp,
    gapTo: resumeBar.timestamp,
  };
}
