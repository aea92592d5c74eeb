import type { SignalEvent } from '../../../shared/messages/events.js';
import { deliverOnce } from '../deliver-once.js';
import type { DeliverOnceDeps, DeliveryOutcome } from '../deliver-once.js';
import { channelOf } from '../notification-sink.port.js';
import { buildDigest, digestEventId } from './build-digest.js';

/**
 * The digest trigger: sends the digest of `day` once (its delivery record is keyed by `digestEventId(day)`), so a
 * scheduler, or the end of `npm start`, may call it again without a second post.
 */
export function deliverDigest(
  deps: DeliverOnceDeps,
  events: readonly SignalEvent[],
  day: string,
  options: { readonly testMode: boolean },
): Promise<DeliveryOutcome> {
  const digest = buildDigest(events, day, options);
  return deliverOnce(deps, digestEventId(day), () => digest, channelOf(deps.sink, digest.route));
}

/** The last UTC day (`YYYY-MM-DD`) any of `events` happened on; undefined for none. */
export function lastEventDay(events: readonly SignalEvent[]): string | undefined {
  return events
    .reduce<string | undefined>((last, e) => (last === undefined || e.occurredAt > last ? e.occurredAt : last), undefined)
    ?.slice(0, 10);
}
