import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notification, NotificationReceipt, NotificationSink } from './notification-sink.port.js';

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

/** One line of the outbox file. */
export interface OutboxLine extends Notification {
  readonly sentAt: string;
}

/** The local stand-in for Discord: one JSON line per notification, plus the text on a stream if given. */
export function createOutboxSink(options: OutboxSinkOptions = {}): NotificationSink {
  const path = options.path ?? DEFAULT_OUTBOX_PATH;
  const now = options.now ?? (() => new Date());
  return {
    channel: 'outbox',
    async send(notification: Notification): Promise<NotificationReceipt> {
      await mkdir(dirname(path), { recursive: true });
      const { eventId, type, symbol, title, text } = notification;
      const line: OutboxLine = { eventId, type, symbol, title, text, sentAt: now().toISOString() };
      await appendFile(path, `${JSON.stringify(line)}\n`, 'utf8');
      options.stream?.write(`${text}\n\n`);
      return { messageId: `outbox:${eventId}` };
    },
  };
}
