import type { BarSnapshot, Signal } from '../../shared/domain/signal.js';
import { gapEvent } from './lifecycle-event.js';
import { advanceSignal } from './lifecycle.js';
import type { LifecycleStep } from './lifecycle.js';
import { instantMs } from './time.js';

/** A hole between the last bar applied to a signal and the oldest bar the analysis holds. */
export interface BarGap {
  readonly signalId: string;
  readonly from: string;
  readonly to: string;
}

export interface CatchUpResult {
  readonly signal: Signal;
  /** Every event, each with the signal right after it. */
  readonly steps: readonly LifecycleStep[];
  readonly gap: BarGap | null;
}

/**
 * Applies, in order, every bar of `bars` (oldest first) after the signal's last applied bar (DESIGN §6.9). When
 * `window` says the bars are the whole recent window and it does not reach back to that bar, a `signal.gap` event
 * says so before the bars that are there are applied: the missing ones were never seen, and nothing pretends they were.
 */
export function catchUp(signal: Signal, bars: readonly BarSnapshot[], now: Date, window: boolean): CatchUpResult {
  const lastApplied = instantMs(signal.lastBarTimestamp, 'signal.lastBarTimestamp');
  const pending = bars.filter((bar) => instantMs(bar.timestamp, 'bar.timestamp') > lastApplied);
  const covered = !window || pending.length < bars.length;
  let current = signal;
  const steps: LifecycleStep[] = [];
  let gap: BarGap | null = null;
  if (!covered && pending.length > 0) {
    gap = { signalId: signal.signalId, from: signal.lastBarTimestamp, to: pending[0].timestamp };
    steps.push({ event: gapEvent(signal, pending[0], now.toISOString()), signal });
  }
  for (const bar of pending) {
    const result = advanceSignal(current, bar, now);
    current = result.signal;
    steps.push(...result.steps);
  }
  return { signal: current, steps, gap };
}
