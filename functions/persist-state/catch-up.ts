import { timeframeMs } from '../../shared/domain/bar.js';
import type { BarSnapshot, Signal } from '../../shared/domain/signal.js';
import { sessionDateOf } from '../../shared/domain/sessions/bar-close.js';
import { tradesBetween } from '../../shared/domain/sessions/equity-calendar.js';
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
 * Whether no bar can lie between the signal's last applied bar and the bar opening at `next`: a window that starts
 * there reaches back, though it does not hold the last applied bar. Crypto: `next` opens by the time the last applied
 * bar closed (whatever the alignment of the bars). A US equity daily bar: no session between the two dates. An
 * equity intraday bar is not judged (its sessions' first and last bars depend on the source): a gap is reported.
 */
function nextBarOf(signal: Signal, next: string): boolean {
  const last = signal.lastBarTimestamp;
  if (signal.assetClass === 'CRYPTO')
    return instantMs(next, 'bar.timestamp') <= instantMs(last, 'signal.lastBarTimestamp') + timeframeMs(signal.timeframe);
  if (signal.timeframe !== '1Day') return false;
  const [lastDate, nextDate] = [sessionDateOf(last), sessionDateOf(next)];
  return lastDate < nextDate && !tradesBetween(lastDate, nextDate);
}

/**
 * Applies, in order, every bar of `bars` (oldest first) after the signal's last applied bar (DESIGN §6.9). When
 * `window` says the bars are the whole recent window and it does not reach back to that bar (nor start at the bar
 * right after it), a `signal.gap` event
 * says so before the bars that are there are applied: the missing ones were never seen, and nothing pretends they were.
 */
export function catchUp(signal: Signal, bars: readonly BarSnapshot[], now: Date, window: boolean): CatchUpResult {
  const lastApplied = instantMs(signal.lastBarTimestamp, 'signal.lastBarTimestamp');
  const pending = bars.filter((bar) => instantMs(bar.timestamp, 'bar.timestamp') > lastApplied);
  const covered = !window || pending.length < bars.length || (pending.length > 0 && nextBarOf(signal, pending[0].timestamp));
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
