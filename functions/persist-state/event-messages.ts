import { eventIdFor } from '../../shared/domain/ids.js';
import type { RejectedCandidate, Signal } from '../../shared/domain/signal.js';
import type { RecentBar } from '../../shared/messages/analysis.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import type { LifecycleEvent } from './lifecycle.js';

/** `signal.created`: the signal as stored, so no consumer needs to read the database, and the bars for its chart. */
export function createdEvent(signal: Signal, recentBars?: readonly RecentBar[]): SignalEvent {
  return {
    schemaVersion: 1,
    eventId: eventIdFor(signal.signalId, 'signal.created'),
    type: 'signal.created',
    signalId: signal.signalId,
    symbol: signal.symbol,
    assetClass: signal.assetClass,
    timeframe: signal.timeframe,
    occurredAt: signal.createdAt,
    signal,
    ...(recentBars === undefined || recentBars.length === 0 ? {} : { recentBars: [...recentBars] }),
  };
}

/** `signal.rejected`: a shadow candidate and why it was not good enough. */
export function rejectedEvent(rejected: RejectedCandidate): SignalEvent {
  return {
    schemaVersion: 1,
    eventId: eventIdFor(rejected.signalId, 'signal.rejected'),
    type: 'signal.rejected',
    signalId: rejected.signalId,
    symbol: rejected.symbol,
    assetClass: rejected.assetClass,
    timeframe: rejected.timeframe,
    occurredAt: rejected.createdAt,
    rejected,
  };
}

/** A lifecycle step as published: the lifecycle's event plus the signal after it. */
export function lifecycleEventMessage(event: LifecycleEvent, signal: Signal): SignalEvent {
  return { schemaVersion: 1, ...event, assetClass: signal.assetClass, signal };
}
