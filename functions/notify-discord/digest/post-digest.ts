import { performanceIn } from '../../../shared/analytics/performance.js';
import type { Warehouse } from '../../../shared/analytics/warehouse.port.js';
import { SignalEventSchema } from '../../../shared/messages/events.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import { maintenanceRequestKind } from '../../../shared/messages/maintenance-request.js';
import { createPushHandler } from '../../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../../shared/runtime/push-handler.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { deliverOnce } from '../deliver-once.js';
import { DEFAULT_DELIVERY_LEASE_MS } from '../index.js';
import { channelOf } from '../notification-sink.port.js';
import type { NotificationSink } from '../notification-sink.port.js';
import { buildDigest } from './build-digest.js';
import { buildWeeklyDigest } from './build-weekly-digest.js';
import { dailyPeriod, weeklyPeriod } from './digest-period.js';
import type { DigestPeriod } from './digest-period.js';

/** What the scheduled digests need: the views to read, and the delivery records and sink of notifyDiscord. */
export type PostDigestDeps = HandlerContext & {
  readonly warehouse: Warehouse;
  readonly store: StateStore;
  readonly sink: NotificationSink;
  readonly testMode: boolean;
  readonly leaseMs?: number;
};

/** The events of one period, as archived (one per event id), read back from their JSON. */
async function archivedEvents(warehouse: Warehouse, period: DigestPeriod): Promise<SignalEvent[]> {
  const rows = await warehouse.query(
    `SELECT payload FROM ${warehouse.dataset}.fact_signal_events ` +
      `WHERE occurred_at >= TIMESTAMP '${period.start} 00:00:00' AND occurred_at < TIMESTAMP '${period.end} 00:00:00' ` +
      'QUALIFY ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY archived_at) = 1',
  );
  return rows.flatMap((row) => {
    const parsed = typeof row.payload === 'string' ? SignalEventSchema.safeParse(JSON.parse(row.payload)) : undefined;
    return parsed?.success ? [parsed.data] : [];
  });
}

/**
 * `maintenance` tasks `daily-digest` and `weekly-digest` (Cloud Scheduler): the digest of the last complete UTC
 * day or week before `asOf`, from the analytics archive, posted to the system route once per period: its delivery
 * record is keyed by the period's deterministic id, so a second trigger of the same period posts nothing.
 */
export function createPostDigest(deps: PostDigestDeps) {
  const leaseMs = deps.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  return createPushHandler('postDigest', maintenanceRequestKind, deps, async (request) => {
    if (request.task !== 'daily-digest' && request.task !== 'weekly-digest') {
      deps.log.debug('maintenance task is not a digest; ignored', { task: request.task });
      return;
    }
    const asOf = request.asOf ?? deps.now().toISOString();
    const daily = request.task === 'daily-digest';
    const period = daily ? dailyPeriod(asOf) : weeklyPeriod(asOf);
    const render = daily
      ? buildDigest(await archivedEvents(deps.warehouse, period), period.start, { testMode: deps.testMode })
      : await (async () => {
          const last = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          const range = { from: period.start, to: last };
          const [total] = await performanceIn(deps.warehouse, range, []);
          const byPattern = await performanceIn(deps.warehouse, range, ['pattern']);
          return buildWeeklyDigest(period, total, byPattern, { testMode: deps.testMode });
        })();
    const notification = { ...render, eventId: period.eventId };
    const result = await deliverOnce(
      { ...deps, leaseMs },
      period.eventId,
      () => notification,
      channelOf(deps.sink, notification.route),
    );
    deps.log.info(result.outcome === 'sent' ? 'digest posted' : 'digest already posted; nothing sent', {
      task: request.task,
      period: period.start,
      eventId: period.eventId,
    });
  });
}
