import { eventIdFor } from '../../../shared/domain/ids.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { ParentInFlightError } from './discord-errors.js';

/** Finds the message id of a signal's first message on a channel; null when it was never sent there. */
export type ParentLookup = (signalId: string, channel: string) => Promise<string | null>;

/**
 * The new-signal message of a signal is the delivery record of its `signal.created` event (DESIGN §3), so the
 * signal document needs no extra field. A record still in progress throws `ParentInFlightError` (transient).
 */
export function parentFromDeliveries(store: Pick<StateStore, 'getDelivery'>): ParentLookup {
  return async (signalId, channel) => {
    const record = await store.getDelivery(eventIdFor(signalId, 'signal.created'), channel);
    if (record === null) return null;
    if (record.state !== 'sent' || record.messageId === null) throw new ParentInFlightError(signalId);
    return record.messageId;
  };
}
