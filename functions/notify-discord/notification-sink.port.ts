import type { SignalEventType } from '../../shared/messages/events.js';

/** One readable message about one event, ready for any channel. */
export interface Notification {
  /** The event's id: the dedupe key of the delivery (DESIGN §3). */
  readonly eventId: string;
  readonly type: SignalEventType;
  readonly symbol: string;
  /** The first line of `text`, for channels that show a heading. */
  readonly title: string;
  /** The whole message, title first. */
  readonly text: string;
}

/** What the channel gave back for a sent notification. */
export interface NotificationReceipt {
  readonly messageId: string;
}

/** Where notifications go: the outbox file locally, Discord webhooks in production. */
export interface NotificationSink {
  /** The delivery-record channel name; one event is sent at most once per channel. */
  readonly channel: string;
  /** Sends one notification; throws on a failure worth retrying. */
  send(notification: Notification): Promise<NotificationReceipt>;
}
