import { factKindOf, factsOf } from '../../shared/analytics/facts.js';
import type { Warehouse } from '../../shared/analytics/warehouse.port.js';
import { SignalEventSchema } from '../../shared/messages/events.js';
import { decodeValue } from '../../shared/messages/json-document.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import { archivedEventKind } from './archived-event.js';

/** What archiveAnalytics needs from its instance: the warehouse (BigQuery deployed, DuckDB locally). */
export type ArchiveAnalyticsDeps = HandlerContext & { readonly warehouse: Warehouse };

/**
 * Event → facts, appended with insertId = event id (DESIGN §3): a redelivered event adds no visible row, since
 * the views keep one row per event id. A signal event that breaks its schema, or a row the warehouse refuses,
 * is dead-lettered with the field named; a warehouse outage throws, so Pub/Sub redelivers.
 */
export function createArchiveAnalytics(deps: ArchiveAnalyticsDeps) {
  return createPushHandler('archiveAnalytics', archivedEventKind, deps, async (event) => {
    const kind = factKindOf(event.type);
    if (kind === undefined) {
      deps.log.debug('event type not archived', { eventId: event.eventId, type: event.type });
      return;
    }
    if (kind === 'signal') decodeValue(SignalEventSchema, event, 'message.data');
    await deps.warehouse.append(factsOf(event, deps.now().toISOString()));
    deps.log.debug('event archived', { eventId: event.eventId, type: event.type });
  });
}
