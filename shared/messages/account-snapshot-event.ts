import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { ID_NAMESPACE } from '../domain/ids.js';
import { AccountSnapshotSchema } from '../trading/trade-records.js';
import type { AccountSnapshot } from '../trading/trade-records.js';
import { IsoInstantSchema, SchemaVersionSchema } from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { TOPICS } from './topics.js';

/**
 * `account.snapshot`: the paper (or simulated) account as reconcile read it, on `events` for the archive
 * (`snapshot_accounts`, the report's equity curve). Not a trade event: notifyDiscord and executeOrders pass it by.
 */
export const AccountSnapshotEventSchema = z.object({
  schemaVersion: SchemaVersionSchema,
  eventId: z.uuid(),
  type: z.literal('account.snapshot'),
  occurredAt: IsoInstantSchema,
  asOf: IsoInstantSchema,
  simulated: z.boolean(),
  account: AccountSnapshotSchema.omit({ schemaVersion: true, id: true, at: true }),
});
export type AccountSnapshotEvent = Decoded<typeof AccountSnapshotEventSchema>;

export const accountSnapshotEventKind: MessageKind<typeof AccountSnapshotEventSchema> = {
  type: 'account.snapshot',
  topic: TOPICS.events,
  schema: AccountSnapshotEventSchema,
  orderedBySymbol: false,
};

/** The event of a stored snapshot: one per snapshot taken (its account and instant), so each is one archive row. */
export function accountSnapshotEvent(snapshot: AccountSnapshot): AccountSnapshotEvent {
  const { schemaVersion: _version, id: _id, at, ...account } = snapshot;
  return {
    schemaVersion: 1,
    eventId: uuidv5(`account.snapshot|${snapshot.mode}|${at}`, ID_NAMESPACE),
    type: 'account.snapshot',
    occurredAt: at,
    asOf: at,
    simulated: snapshot.mode === 'simulated',
    account,
  };
}
