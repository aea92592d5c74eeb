import type { RejectedCandidate, Signal, SignalStatus } from '../domain/signal.js';
import type { Timeframe } from '../domain/bar.js';
import type { SignalEvent } from '../messages/events.js';

/**
 * The stored version a compare-and-set expects. A bar-driven change always moves `lastBarTimestamp`
 * to a newer bar and every other change moves `status` or `updatedAt`, so the triple never repeats.
 */
export type SignalVersion = Pick<Signal, 'status' | 'lastBarTimestamp' | 'updatedAt'>;

/** The version of a loaded signal, to pass back as `expected`. */
export function versionOf(signal: SignalVersion): SignalVersion {
  return { status: signal.status, lastBarTimestamp: signal.lastBarTimestamp, updatedAt: signal.updatedAt };
}

/** Which signals to list; every given filter must hold. */
export interface SignalQuery {
  readonly symbol?: string;
  readonly timeframe?: Timeframe;
  readonly statuses?: readonly SignalStatus[];
}

/**
 * Signals and shadow (rejected) candidates. Every write that changes one writes its events to the outbox
 * (outbox-store.port.ts) in the same transaction, each event id once.
 */
export interface SignalStore {
  getSignal(signalId: string): Promise<Signal | null>;
  /** Signals matching the query, oldest bar first. */
  listSignals(query?: SignalQuery): Promise<Signal[]>;
  /** Stores a new signal and its events unless the id exists; an existing signal is left untouched, events too. */
  createSignalIfAbsent(signal: Signal, events: readonly SignalEvent[]): Promise<'created' | 'exists'>;
  /** Replaces the signal with `next` only if its stored version still equals `expected`, adding the events (each event id once). */
  transitionSignal(
    signalId: string,
    expected: SignalVersion,
    next: Signal,
    events: readonly SignalEvent[],
  ): Promise<'applied' | 'conflict' | 'missing'>;
  /** Stores a shadow candidate and its event unless its id exists. */
  recordRejectedIfAbsent(rejected: RejectedCandidate, event: SignalEvent): Promise<'created' | 'exists'>;
}
