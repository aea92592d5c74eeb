import { z } from 'zod';
import { IdSchema, IsoInstantSchema, SchemaVersionSchema } from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { TOPICS } from './topics.js';

/**
 * The scheduled housekeeping tasks (DESIGN §1 `[maintenance]`): broker reconciliation and the account snapshot
 * (paper trading), the periodic digests (analytics), the outbox sweep. Each task has one consumer, which
 * subscribes with a filter on the `task` attribute.
 */
export const MAINTENANCE_TASKS = ['reconcile', 'account-snapshot', 'daily-digest', 'weekly-digest', 'outbox-sweep'] as const;

/** One of `MAINTENANCE_TASKS`. */
export type MaintenanceTask = (typeof MAINTENANCE_TASKS)[number];

/** A request to run one maintenance task now (published by Cloud Scheduler, `sentinel run` or by hand). */
export const MaintenanceRequestSchema = z.strictObject({
  schemaVersion: SchemaVersionSchema,
  task: z.enum(MAINTENANCE_TASKS),
  /** The moment the task is for (a digest's period end); the consumer's clock when absent. */
  asOf: IsoInstantSchema.optional(),
  requestId: IdSchema.optional(),
});

/** A decoded maintenance request. */
export type MaintenanceRequest = Decoded<typeof MaintenanceRequestSchema>;

/** Maintenance requests travel on `maintenance`, unkeyed; the `task` attribute is what subscriptions filter on. */
export const maintenanceRequestKind: MessageKind<typeof MaintenanceRequestSchema> = {
  type: 'maintenance.request',
  topic: TOPICS.maintenance,
  schema: MaintenanceRequestSchema,
  orderedBySymbol: false,
};
