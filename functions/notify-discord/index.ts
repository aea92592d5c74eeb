import { signalEventKind } from '../../shared/messages/events.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { DeliveryStore } from '../../shared/store/store.port.js';
import { deliverOnce } from './deliver-once.js';
import { channelOf } from './notification-sink.port.js';
import type { NotificationSink } from './notification-sink.port.js';
import { renderNotification, routeOfEvent } from './render-notification.js';

/** A claim outlives a slow send (Discord's 429 `retry_after` included) but not a crashed instance for long. */
export const DEFAULT_DELIVERY_LEASE_MS = 60_000;

/** What notifyDiscord needs from its instance. */
export type NotifyDiscordDeps = HandlerContext & {
  readonly store: DeliveryStore;
  readonly sink: NotificationSink;
  /** Labels every message `[TEST] ` and routes it to the test webhook. */
  readonly testMode: boolean;
  readonly leaseMs?: number;
};

/**
 * SignalEvent → one message on its route, exactly once per event: the delivery record (claim → send → store
 * message id) is keyed by event id and route, so a redelivery of a sent event is acked without a second post.
 */
export function createNotifyDiscord(deps: NotifyDiscordDeps) {
  const leaseMs = deps.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  return createPushHandler('notifyDiscord', signalEventKind, deps, async (event) => {
    const route = routeOfEvent(event, deps.testMode);
    const channel = channelOf(deps.sink, route);
    const fields = { eventId: event.eventId, type: event.type, symbol: event.symbol, channel };
    const result = await deliverOnce(
      { ...deps, leaseMs },
      event.eventId,
      () => renderNotification(event, { testMode: deps.testMode }),
      channel,
    );
    if (result.outcome === 'already-sent') {
      deps.log.debug('notification already sent; acknowledged without sending', fields);
      return;
    }
    deps.log.info('notification sent', { ...fields, messageId: result.receipt.messageId });
  });
}
