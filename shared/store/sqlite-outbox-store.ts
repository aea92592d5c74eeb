import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { SignalEventSchema } from '../messages/events.js';
import type { SignalEvent } from '../messages/events.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { TOPICS } from '../messages/topics.js';
import type { OutboxStore } from './outbox-store.port.js';
import type { Tables } from './sqlite-schema.js';
import { epochMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

const OutboxRow = z.object({ doc: z.string(), topic: z.string(), published_at: z.string().nullable() });

/** An outbox row about to be written, checked before any transaction opens (a bad event is the caller's bug). */
export type OutboxRow = ReturnType<typeof outboxRows>[number];

/** Checks and lays out events for the outbox. */
export function outboxRows(events: readonly SignalEvent[]) {
  return events.map((event) => ({
    eventId: event.eventId,
    topic: TOPICS.events,
    type: event.type,
    signalId: event.signalId,
    occurredAt: epochMs(event.occurredAt, 'event.occurredAt'),
    doc: toCheckedJson(SignalEventSchema, event, 'event'),
  }));
}

/** Writes outbox rows inside the caller's transaction; an event id already there is left as it is. */
export function outboxWriter(db: Database, t: Tables): (rows: readonly OutboxRow[]) => void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO ${t.outbox} (event_id, topic, type, signal_id, occurred_at_ms, doc)
     VALUES (@eventId, @topic, @type, @signalId, @occurredAt, @doc)`,
  );
  return (rows) => {
    for (const row of rows) insert.run(row);
  };
}

/** The outbox on SQLite: `seq` (the row id) orders events of one time in write order. */
export function sqliteOutboxStore(db: Database, t: Tables, ttl: StoreTtl): OutboxStore {
  const pending = db.prepare(
    `SELECT doc, topic, published_at FROM ${t.outbox} WHERE published_at IS NULL ORDER BY occurred_at_ms, seq LIMIT ?`,
  );
  const mark = db.prepare(
    `UPDATE ${t.outbox} SET published_at = ?, delete_at_ms = ? WHERE event_id = ? AND published_at IS NULL`,
  );
  const markAll = db.transaction((eventIds: readonly string[], at: string, deleteAt: number) => {
    for (const id of eventIds) mark.run(at, deleteAt, id);
  });
  return {
    async pendingOutbox(limit) {
      return pending.all(limit).map((raw) => {
        const row = OutboxRow.parse(raw);
        return { event: fromJson(SignalEventSchema, row.doc, 'outbox event'), topic: row.topic, publishedAt: row.published_at };
      });
    },
    async markPublished(eventIds, at) {
      markAll.immediate(eventIds, at, epochMs(at, 'at') + ttl.publishedEventsMs);
    },
  };
}
