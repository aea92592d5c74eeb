import { SignalEventSchema } from '../../shared/messages/events.js';
import { parsePayload } from '../../shared/messages/push-message.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import type { DeliveryStore } from '../../shared/store/store.port.js';
import { deliverDigest, lastEventDay } from '../../functions/notify-discord/digest/deliver-digest.js';
import { DEFAULT_DELIVERY_LEASE_MS } from '../../functions/notify-discord/index.js';
import type { NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import { writeOutboxHtml } from './preview/write-outbox-html.js';

/** What the end of a local run needs. */
export interface LocalRunEnd {
  readonly store: DeliveryStore;
  readonly sink: NotificationSink;
  readonly testMode: boolean;
  /** The `message.data` (base64 JSON) of every event the run saw on the bus. */
  readonly eventData: Iterable<string>;
  /** The outbox file to render as HTML; undefined when the run posted to Discord. */
  readonly outboxPath?: string;
  /** Send the digest (not after an interrupted run: the run that finishes the replay sends it). */
  readonly digest: boolean;
  /** Trusted HTML shown above the messages of the page (the paper account). */
  readonly sectionHtml?: string;
}

/**
 * The end of `npm start`: the digest of the run's last day (sent once, like any event) and, for the outbox,
 * `.sentinel/outbox.html` regenerated from `outbox.jsonl`.
 */
export async function finishLocalRun(
  end: LocalRunEnd,
): Promise<{ digestDay?: string; html?: { path: string; messages: number } }> {
  const events: SignalEvent[] = [...end.eventData].flatMap((data) => {
    const parsed = SignalEventSchema.safeParse(parsePayload({ data }));
    return parsed.success ? [parsed.data] : [];
  });
  const day = end.digest ? lastEventDay(events) : undefined;
  if (day !== undefined) {
    const deps = { store: end.store, sink: end.sink, now: () => new Date(), leaseMs: DEFAULT_DELIVERY_LEASE_MS };
    await deliverDigest(deps, events, day, { testMode: end.testMode });
  }
  const html = end.outboxPath === undefined ? undefined : await writeOutboxHtml(end.outboxPath, undefined, end.sectionHtml);
  return { ...(day === undefined ? {} : { digestDay: day }), ...(html ? { html } : {}) };
}
