import { fitToLimits } from '../discord/limits.js';
import type { EmbedField } from '../discord/message.types.js';
import { routeFor } from '../discord/routes.js';
import { TYPE_COLOURS } from '../embeds/colours.js';
import type { Notification } from '../notification-sink.port.js';
import { USERNAME } from '../render-notification.js';

/** What a digest says; the rest of its notification is the same for every digest. */
export interface DigestContent {
  readonly eventId: string;
  readonly title: string;
  readonly summary: string;
  readonly fields: readonly EmbedField[];
  /** How a field reads in the plain text: name and value on two lines, or on one after a colon. */
  readonly fieldLayout: 'lines' | 'colon';
  readonly footer: string;
  /** The last day the digest covers, `YYYY-MM-DD`. */
  readonly lastDay: string;
  readonly threadName: string;
  readonly testMode: boolean;
}

/** A digest on the system route: one embed (title, summary, fields), within Discord's limits. */
export function digestNotification(content: DigestContent): Notification {
  const { title, summary, fields } = content;
  const separator = content.fieldLayout === 'lines' ? '\n' : ': ';
  return {
    eventId: content.eventId,
    type: 'digest',
    symbol: '*',
    title,
    text: [title, summary, ...fields.map((f) => `${f.name}${separator}${f.value}`)].join('\n'),
    route: routeFor({ kind: 'system' }, content.testMode),
    payload: fitToLimits({
      username: USERNAME,
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title,
          description: summary,
          color: TYPE_COLOURS.digest,
          fields: [...fields],
          footer: { text: content.footer },
          timestamp: `${content.lastDay}T23:59:59.000Z`,
        },
      ],
    }),
    files: [],
    threadName: content.threadName,
  };
}
