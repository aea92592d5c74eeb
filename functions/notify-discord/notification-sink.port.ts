import type { SignalEventType } from '../../shared/messages/events.js';
import type { TradeEventType } from '../../shared/messages/trade-events.js';
import type { DiscordEmbed, DiscordFile, DiscordPayload } from './discord/message.types.js';
import type { Route } from './discord/routes.js';

/** What a notification is about: one event type (signal or trade), or the daily digest. */
export type NotificationType = SignalEventType | TradeEventType | 'digest';

/** A later step of a signal: goes to the signal's thread (forum) or edits its first message (text channel). */
export interface FollowUp {
  readonly signalId: string;
  /** The signal's first embed redrawn with its new status, for the edit of the original message. */
  readonly card: DiscordEmbed;
}

/** One readable message about one event, ready for any channel. */
export interface Notification {
  /** The event's id: the dedupe key of the delivery (DESIGN §3). */
  readonly eventId: string;
  readonly type: NotificationType;
  readonly symbol: string;
  /** The first line of `text`, for channels that show a heading. */
  readonly title: string;
  /** The whole message as plain text, title first (the console of a local run). */
  readonly text: string;
  /** Where it goes (reference §6.1); the delivery channel of a Discord sink. */
  readonly route: Route;
  /** The Discord message: embeds within Discord's limits. */
  readonly payload: DiscordPayload;
  /** Files to attach (the new-signal chart as `chart.png`). */
  readonly files: readonly DiscordFile[];
  /** The forum post title when this message opens a thread. */
  readonly threadName: string;
  /** Set on lifecycle steps of a signal. */
  readonly followUp?: FollowUp;
}

/** What the channel gave back for a sent notification. */
export interface NotificationReceipt {
  readonly messageId: string;
}

/** Where notifications go: the outbox file locally, Discord webhooks in production. */
export interface NotificationSink {
  /** The delivery-record channel name when `channelFor` is absent; one event is sent at most once per channel. */
  readonly channel: string;
  /** The delivery-record channel of a route (Discord: the route's name, never its URL). */
  channelFor?(route: Route): string;
  /** Sends one notification; throws on a failure worth retrying. */
  send(notification: Notification): Promise<NotificationReceipt>;
}

/** The delivery channel `sink` records `route`'s messages under. */
export function channelOf(sink: NotificationSink, route: Route): string {
  return sink.channelFor?.(route) ?? sink.channel;
}
