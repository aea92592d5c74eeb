import type { DeliveryStore } from '../../shared/store/store.port.js';
import { DeliveryInProgressError } from '../../shared/store/delivery-in-progress.js';
import type { Notification, NotificationReceipt, NotificationSink } from './notification-sink.port.js';

/** What one exactly-once delivery needs. */
export interface DeliverOnceDeps {
  readonly store: Pick<DeliveryStore, 'claimDelivery' | 'completeDelivery' | 'releaseDelivery'>;
  readonly sink: NotificationSink;
  readonly now: () => Date;
  /** How long a claim keeps other deliveries of the same event away. */
  readonly leaseMs: number;
}

/** `sent`: this call sent it; `already-sent`: an earlier delivery did, nothing was sent now. */
export type DeliveryOutcome =
  { readonly outcome: 'sent'; readonly receipt: NotificationReceipt } | { readonly outcome: 'already-sent' };

/**
 * Sends the notification of `eventId` on `channel` (default: the sink's) at most once (DESIGN §3: claim → send →
 * store the message id). A claim held by another delivery throws `DeliveryInProgressError`; a send that
 * failed releases the claim and is rethrown, so the redelivery sends it. A crash mid-send leaves the claim
 * in progress until its lease expires.
 * The one window left: a crash after `send` and before `completeDelivery` (Discord has the message, the
 * record does not) posts the message twice when the lease runs out; so does a send whose answer was lost.
 */
export async function deliverOnce(
  deps: DeliverOnceDeps,
  eventId: string,
  render: () => Notification,
  channel: string = deps.sink.channel,
): Promise<DeliveryOutcome> {
  const { store, sink, now, leaseMs } = deps;
  const claimedAt = now().toISOString();
  const claim = await store.claimDelivery(eventId, channel, claimedAt, leaseMs);
  if (claim === 'sent') return { outcome: 'already-sent' };
  if (claim === 'in-progress') throw new DeliveryInProgressError(eventId, channel);
  let receipt: NotificationReceipt;
  try {
    receipt = await sink.send(render());
  } catch (error) {
    await store.releaseDelivery(eventId, channel, claimedAt);
    throw error;
  }
  await store.completeDelivery(eventId, channel, receipt, now().toISOString());
  return { outcome: 'sent', receipt };
}
