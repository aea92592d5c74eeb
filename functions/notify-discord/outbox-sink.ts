import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DiscordPayload } from './discord/message.types.js';
import type { Route } from './discord/routes.js';
import type { Notification, NotificationReceipt, NotificationSink, NotificationType } from './notification-sink.port.js';

/** The local outbox file of `npm start` (DESIGN §4). */
export const DEFAULT_OUTBOX_PATH = '.sentinel/outbox.jsonl';

/** Where the outbox writes; nothing here comes from config, so no webhook URL can reach the file. */
export interface OutboxSinkOptions {
  /** The JSON-lines file, appended to; its folder is created. */
  readonly path?: string;
  /** Also prints each message's text here (the console of a local run). */
  readonly stream?: { write(chunk: string): unknown };
  /** The clock stamping `sentAt`. */
  readonly now?: () => Date;
}

/** An attached file in the outbox, its bytes in base64 (the HTML preview shows it inline). */
export interface OutboxFile {
  readonly filename: string;
  readonly contentType: string;
  readonly base64: string;
}

/** One line of the outbox file: what would have been posted, and where (the route name, never a URL). */
export interface OutboxLine {
  readonly eventId: string;
  readonly type: NotificationType;
  readonly symbol: string;
  readonly route: Route;
  readonly title: string;
  readonly text: string;
  readonly payload: DiscordPayload;
  readonly files: readonly OutboxFile[];
  readonly threadName: string;
  /** The signal a follow-up belongs to (its thread or original message). */
  readonly signalId?: string;
  readonly sentAt: string;
}

/** The outbox line of a notification. */
export function toOutboxLine(notification: Notification, sentAt: string): OutboxLine {
  const { eventId, type, symbol, route, title, text, payload, threadName, followUp } = notification;
  const files = notification.files.map((file) => ({
    filename: file.filename,
    contentType: file.contentType,
    base64: Buffer.from(file.data).toString('base64'),
  }));
  return {
    eventId,
    type,
    symbol,
    route,
    title,
    text,
    payload,
    files,
    threadName,
    ...(followUp ? { signalId: followUp.signalId } : {}),
    sentAt,
  };
}

/** The local stand-in for Discord: one JSON line per notification (embeds and chart included), plus the text on a stream if given. */
export function createOutboxSink(options: OutboxSinkOptions = {}): NotificationSink {
  const path = options.path ?? DEFAULT_OUTBOX_PATH;
  const now = options.now ?? (() => new Date());
  return {
    channel: 'outbox',
    // Synchronous: one small append per notification, without two thread-pool round trips for each.
    async send(notification: Notification): Promise<NotificationReceipt> {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${JSON.stringify(toOutboxLine(notification, now().toISOString()))}\n`, 'utf8');
      options.stream?.write(`${notification.text}\n\n`);
      return { messageId: `outbox:${notification.eventId}` };
    },
  };
}
