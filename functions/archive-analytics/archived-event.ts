import { z } from 'zod';
import { IsoInstantSchema, SchemaVersionSchema } from '../../shared/messages/fields.js';
import { TOPICS } from '../../shared/messages/topics.js';

/**
 * What archiveAnalytics accepts from `events`: any event with an id and a type. Signal events are then held to
 * their full schema; the `trade.*` and account events of paper trading are read leniently, field by field, so
 * facts can be archived from event shapes that grow (unknown fields are kept in the payload column).
 */
export const ArchivedEventSchema = z.looseObject({
  schemaVersion: SchemaVersionSchema,
  eventId: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  occurredAt: IsoInstantSchema.optional(),
});

export const archivedEventKind = { schema: ArchivedEventSchema, topic: TOPICS.events } as const;
