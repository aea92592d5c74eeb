import type { Signal } from '../../shared/domain/signal.js';
import { signalEventKind } from '../../shared/messages/events.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import type { PushEventLike } from '../../shared/messages/envelope.js';
import { isTradeEventType, tradeEventKind } from '../../shared/messages/trade-events.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { DeliveryStore } from '../../shared/store/store.port.js';
import type { RouteFilters } from '../../shared/config/route-filters.js';
import { deliverOnce } from './deliver-once.js';
import { channelOf } from './notification-sink.port.js';
import type { NotificationSink } from './notification-sink.port.js';
import { renderNotification, routeOfEvent } from './render-notification.js';
import { passesRouteFilter } from './route-filter.js';
import { renderTradeNotification, routeOfTradeEvent } from './render-trade.js';

/**
 * A claim outlives every send: longer than notifyDiscord's timeout (120 s), which bounds a send with its retries and
 * 429 waits (one `retry_after` can be over 60 s), so a duplicate delivery never finds the claim of a send still under
 * way run out and posts a second time. A crashed instance's claim then holds its event back for 150 s at most.
 */
export const DEFAULT_DELIVERY_LEASE_MS = 150_000;

/** What notifyDiscord needs from its instance. */
export type NotifyDiscordDeps = HandlerContext & {
  readonly store: DeliveryStore;
  readonly sink: NotificationSink;
  /** Labels every message `[TEST] ` and routes it to the test webhook. */
  readonly testMode: boolean;
  readonly leaseMs?: number;
  /** What each route lets through (DISCORD_ROUTE_FILTERS); none: everything. */
  readonly routeFilters?: RouteFilters;
  /** The signal as the state store holds it now: the card a lifecycle step edits shows it when it is newer. */
  readonly currentSignal?: (signalId: string) => Promise<Signal | null>;
};

/** The stored signal when it is further along its life than the event's copy (a step delivered out of order). */
async function newerStoredSignal(deps: NotifyDiscordDeps, event: SignalEvent): Promise<Signal | undefined> {
  if (event.type === 'signal.created' || event.type === 'signal.rejected' || deps.currentSignal === undefined) return undefined;
  const stored = await deps.currentSignal(event.signalId);
  if (stored === null) return undefined;
  const bar = Date.parse(stored.lastBarTimestamp) - Date.parse(event.signal.lastBarTimestamp);
  return bar > 0 || (bar === 0 && stored.updatedAt > event.signal.updatedAt) ? stored : undefined;
}

/**
 * SignalEvent → one message on its route, exactly once per event: the delivery record (claim → send → store
 * message id) is keyed by event id and route, so a redelivery of a sent event is acked without a second post.
 */
export function createNotifyDiscord(deps: NotifyDiscordDeps): (event: PushEventLike) => Promise<void> {
  const leaseMs = deps.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  // Trade events (paper trading) share the `events` topic; their `type` attribute picks their schema and renderer.
  const trades = createPushHandler('notifyDiscord', tradeEventKind, deps, async (event) => {
    const channel = channelOf(deps.sink, routeOfTradeEvent(event, deps.testMode));
    const result = await deliverOnce(
      { ...deps, leaseMs },
      event.eventId,
      () => renderTradeNotification(event, { testMode: deps.testMode }),
      channel,
    );
    if (result.outcome === 'sent')
      deps.log.info('notification sent', {
        eventId: event.eventId,
        type: event.type,
        symbol: event.symbol,
        channel,
        messageId: result.receipt.messageId,
      });
  });
  const signals = createPushHandler('notifyDiscord', signalEventKind, deps, async (event) => {
    const route = routeOfEvent(event, deps.testMode);
    const channel = channelOf(deps.sink, route);
    const fields = { eventId: event.eventId, type: event.type, symbol: event.symbol, channel };
    if (!passesRouteFilter(event, deps.routeFilters?.[route])) {
      deps.log.debug('not posted: the route filter leaves it out', { ...fields, route });
      return;
    }
    const cardSignal = await newerStoredSignal(deps, event);
    const result = await deliverOnce(
      { ...deps, leaseMs },
      event.eventId,
      () => renderNotification(event, { testMode: deps.testMode, ...(cardSignal ? { cardSignal } : {}) }),
      channel,
    );
    if (result.outcome === 'already-sent') {
      deps.log.debug('notification already sent; acknowledged without sending', fields);
      return;
    }
    deps.log.info('notification sent', { ...fields, messageId: result.receipt.messageId });
  });
  // What its subscription filter lets through (signal, trade and position events); anything else on `events` (the
  // account snapshots) is acknowledged untouched, as where filters are not applied (the emulator).
  return async (event) => {
    const type = readPushMessage(event).attributes.type ?? '';
    if (isTradeEventType(type)) return trades(event);
    if (type.startsWith('account.')) return deps.log.debug('not a notification: acknowledged', { type });
    return signals(event);
  };
}
