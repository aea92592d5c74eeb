import { z } from 'zod';
import { IdSchema, IsoInstantSchema } from '../messages/fields.js';
import type { Decoded, Mirrors } from '../messages/fields.js';
import type { DeadLetter, Delivery } from './store.port.js';

/** A dead letter as stored (and as accepted from a handler). */
export const DeadLetterSchema = z.object({
  id: IdSchema,
  topic: z.string().min(1),
  subscription: z.string().optional(),
  messageId: z.string(),
  attributes: z.record(z.string(), z.string()),
  data: z.string(),
  original: z.object({ bytes: z.number().int().min(0), sha256: z.string(), truncated: z.literal(true) }).optional(),
  error: z.string(),
  field: z.string().optional(),
  attempts: z.number().int().min(0),
  at: IsoInstantSchema,
});

/** A delivery record as stored. */
export const DeliverySchema = z.object({
  eventId: z.string().min(1),
  channel: z.string().min(1),
  state: z.enum(['in-progress', 'sent']),
  attempts: z.number().int().min(1),
  claimedAt: IsoInstantSchema,
  leaseUntil: IsoInstantSchema,
  messageId: z.string().nullable(),
  sentAt: IsoInstantSchema.nullable(),
});

const _deadLetter: Mirrors<Decoded<typeof DeadLetterSchema>, DeadLetter> = true;
const _delivery: Mirrors<Decoded<typeof DeliverySchema>, Delivery> = true;
