import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { DeliverySchema } from './documents.js';
import type { Delivery, DeliveryStore } from './delivery-store.port.js';
import type { Tables } from './sqlite-schema.js';
import { epochMs, isoOf } from './ttl.js';
import type { StoreTtl } from './ttl.js';

const DeliveryRow = z.object({
  event_id: z.string(),
  channel: z.string(),
  state: z.string(),
  attempts: z.number(),
  claimed_at: z.string(),
  lease_until_ms: z.number(),
  message_id: z.string().nullable(),
  sent_at: z.string().nullable(),
});

function deliveryOf(raw: unknown): Delivery {
  const row = DeliveryRow.parse(raw);
  return DeliverySchema.parse({
    eventId: row.event_id,
    channel: row.channel,
    state: row.state,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    leaseUntil: isoOf(row.lease_until_ms),
    messageId: row.message_id,
    sentAt: row.sent_at,
  });
}

/** Delivery claims on SQLite: one row per (event, channel). */
export function sqliteDeliveryStore(db: Database, t: Tables, ttl: StoreTtl): DeliveryStore {
  const selectDelivery = db.prepare(`SELECT * FROM ${t.deliveries} WHERE event_id = ? AND channel = ?`);
  const insertClaim = db.prepare(
    `INSERT INTO ${t.deliveries} (event_id, channel, state, attempts, claimed_at, lease_until_ms, delete_at_ms)
     VALUES (@eventId, @channel, 'in-progress', 1, @now, @leaseUntil, @deleteAt)`,
  );
  const reclaim = db.prepare(
    `UPDATE ${t.deliveries} SET attempts = attempts + 1, claimed_at = @now, lease_until_ms = @leaseUntil, delete_at_ms = @deleteAt
     WHERE event_id = @eventId AND channel = @channel`,
  );
  const complete = db.prepare(
    `INSERT INTO ${t.deliveries} (event_id, channel, state, attempts, claimed_at, lease_until_ms, message_id, sent_at, delete_at_ms)
     VALUES (@eventId, @channel, 'sent', 1, @now, @nowMs, @messageId, @now, @deleteAt)
     ON CONFLICT (event_id, channel) DO UPDATE SET state = 'sent', message_id = @messageId, sent_at = @now, delete_at_ms = @deleteAt`,
  );

  const release = db.prepare(
    `UPDATE ${t.deliveries} SET lease_until_ms = 0 WHERE event_id = ? AND channel = ? AND state = 'in-progress' AND claimed_at = ?`,
  );

  const claim = db.transaction((eventId: string, channel: string, now: string, leaseMs: number) => {
    const nowMs = epochMs(now, 'now');
    const params = { eventId, channel, now, leaseUntil: nowMs + leaseMs, deleteAt: nowMs + ttl.deliveriesMs };
    const raw = selectDelivery.get(eventId, channel);
    if (raw === undefined) {
      insertClaim.run(params);
      return 'claimed' as const;
    }
    const current = deliveryOf(raw);
    if (current.state === 'sent') return 'sent' as const;
    if (epochMs(current.leaseUntil, 'leaseUntil') > nowMs) return 'in-progress' as const;
    reclaim.run(params);
    return 'claimed' as const;
  });

  return {
    async claimDelivery(eventId, channel, now, leaseMs) {
      return claim.immediate(eventId, channel, now, leaseMs);
    },
    async completeDelivery(eventId, channel, receipt, now) {
      const nowMs = epochMs(now, 'now');
      complete.run({ eventId, channel, now, nowMs, messageId: receipt.messageId, deleteAt: nowMs + ttl.deliveriesMs });
    },
    async releaseDelivery(eventId, channel, claimedAt) {
      release.run(eventId, channel, claimedAt);
    },
    async getDelivery(eventId, channel) {
      const raw = selectDelivery.get(eventId, channel);
      return raw === undefined ? null : deliveryOf(raw);
    },
  };
}
