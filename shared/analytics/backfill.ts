import { eventIdFor } from '../domain/ids.js';
import type { Signal, SignalStatus } from '../domain/signal.js';
import type { JsonRecord } from './event-fields.js';
import { factsOf, mergeBatches } from './facts.js';
import type { FactBatch } from './fact-tables.js';

const TERMINAL_EVENT: Partial<Record<SignalStatus, string>> = {
  TP3_HIT: 'signal.tp3',
  STOPPED: 'signal.stopped',
  INVALIDATED: 'signal.invalidated',
  EXPIRED: 'signal.expired',
};

/**
 * The events a stored signal stands for, with the ids persistState gave them: its `signal.created` and, once it
 * ended, its terminal step, both carrying the signal as stored. Archived with those ids, a backfill and the live
 * archive never count a signal twice, and a second backfill adds nothing.
 */
export function eventsOfStoredSignal(signal: Signal): JsonRecord[] {
  const common = {
    schemaVersion: 1,
    signalId: signal.signalId,
    symbol: signal.symbol,
    assetClass: signal.assetClass,
    timeframe: signal.timeframe,
    signal,
  };
  const created = {
    ...common,
    eventId: eventIdFor(signal.signalId, 'signal.created'),
    type: 'signal.created',
    occurredAt: signal.createdAt,
  };
  const type = TERMINAL_EVENT[signal.status];
  if (type === undefined || signal.exitTime === null) return [created];
  const terminal = {
    ...common,
    eventId: eventIdFor(signal.signalId, type),
    type,
    occurredAt: signal.exitTime,
    barTimestamp: signal.lastBarTimestamp,
    status: signal.status,
    price: signal.exitPrice ?? signal.currentStop,
    realizedR: signal.realizedR,
    ...(signal.exitReason === null ? {} : { exitReason: signal.exitReason }),
  };
  return [created, terminal];
}

/** The facts of stored signals, archived at `archivedAt`. */
export function backfillFacts(signals: readonly Signal[], archivedAt: string): FactBatch {
  return mergeBatches(signals.flatMap(eventsOfStoredSignal).map((event) => factsOf(event, archivedAt)));
}
