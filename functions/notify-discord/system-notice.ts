import { eventIdFor } from '../../shared/domain/ids.js';
import { deliverOnce } from './deliver-once.js';
import type { DeliverOnceDeps, DeliveryOutcome } from './deliver-once.js';
import { fitToLimits } from './discord/limits.js';
import { routeFor } from './discord/routes.js';
import { TYPE_COLOURS } from './embeds/colours.js';
import { channelOf } from './notification-sink.port.js';
import type { Notification } from './notification-sink.port.js';
import { USERNAME } from './render-notification.js';

/** One message for the operators: a title, a few lines, and the key that makes it one post however often it is sent. */
export interface SystemNoticeInput {
  /** Dedupe key: the same key is posted once (e.g. `secret-rotation|<message id>`, `pause|<time>`). */
  readonly key: string;
  readonly title: string;
  readonly lines: readonly string[];
  readonly testMode: boolean;
}

/** A notice for the system route (the test route in test mode), in Discord's limits (pure). */
export function systemNotice(input: SystemNoticeInput): Notification {
  const title = `${input.testMode ? '[TEST] ' : ''}${input.title}`;
  const description = input.lines.join('\n');
  return {
    eventId: eventIdFor('system-notice', input.key),
    type: 'system',
    symbol: '*',
    title,
    text: [title, ...input.lines].join('\n'),
    route: routeFor({ kind: 'system' }, input.testMode),
    payload: fitToLimits({
      username: USERNAME,
      allowed_mentions: { parse: [] },
      embeds: [{ title, description, color: TYPE_COLOURS.system, footer: { text: 'Crypto Sentinel · operations' } }],
    }),
    files: [],
    threadName: input.title.slice(0, 90),
  };
}

/** Posts a system notice once per key (the delivery record of DESIGN §3). */
export function deliverSystemNotice(deps: DeliverOnceDeps, input: SystemNoticeInput): Promise<DeliveryOutcome> {
  const notice = systemNotice(input);
  return deliverOnce(deps, notice.eventId, () => notice, channelOf(deps.sink, notice.route));
}
