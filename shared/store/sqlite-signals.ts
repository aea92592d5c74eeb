import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { isOpenStatus } from '../domain/signal.js';
import type { RejectedCandidate, Signal } from '../domain/signal.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { RejectedCandidateSchema } from '../messages/candidate.js';
import { SignalEventSchema } from '../messages/events.js';
import type { SignalEvent } from '../messages/events.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { SignalSchema } from '../messages/signal.js';
import { TOPICS } from '../messages/topics.js';
import type { Tables } from './sqlite-schema.js';
import type { OutboxEntry, SignalQuery, SignalVersion } from './store.port.js';
import { epochMs, rejectedExpiryMs, signalExpiryMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

const DocRow = z.object({ doc: z.string() });
const OutboxRow = z.object({ doc: z.string(), topic: z.string(), published_at: z.string().nullable() });

/** Signals, shadow candidates and the outbox on SQLite; every write is one immediate transaction. */
export function signalOperations(db: Database, t: Tables, ttl: StoreTtl) {
  const insertSignal = db.prepare(
    `INSERT OR IGNORE INTO ${t.signals} (signal_id, symbol, timeframe, status, bar_timestamp_ms, last_bar_timestamp, updated_at, delete_at_ms, doc)
     VALUES (@id, @symbol, @timeframe, @status, @barMs, @lastBar, @updatedAt, @deleteAt, @doc)`,
  );
  const casSignal = db.prepare(
    `UPDATE ${t.signals} SET status = @status, last_bar_timestamp = @lastBar, updated_at = @updatedAt, delete_at_ms = @deleteAt, doc = @doc
     WHERE signal_id = @id AND status = @expectedStatus AND last_bar_timestamp = @expectedLastBar AND updated_at = @expectedUpdatedAt`,
  );
  const signalExists = db.prepare(`SELECT 1 FROM ${t.signals} WHERE signal_id = ?`);
  const insertRejected = db.prepare(
    `INSERT OR IGNORE INTO ${t.rejected} (signal_id, symbol, timeframe, delete_at_ms, doc) VALUES (@id, @symbol, @timeframe, @deleteAt, @doc)`,
  );
  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO ${t.outbox} (event_id, topic, type, signal_id, occurred_at_ms, doc)
     VALUES (@eventId, @topic, @type, @signalId, @occurredAt, @doc)`,
  );

  const signalRow = (signal: Signal) => ({
    id: signal.signalId,
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    status: signal.status,
    barMs: epochMs(signal.barTimestamp, 'signal.barTimestamp'),
    lastBar: signal.lastBarTimestamp,
    updatedAt: signal.updatedAt,
    deleteAt: signalExpiryMs(!isOpenStatus(signal.status), ttl),
    doc: toCheckedJson(SignalSchema, signal, 'signal'),
  });
  const eventRows = (events: readonly SignalEvent[]) =>
    events.map((event) => ({
      eventId: event.eventId,
      topic: TOPICS.events,
      type: event.type,
      signalId: event.signalId,
      occurredAt: epochMs(event.occurredAt, 'event.occurredAt'),
      doc: toCheckedJson(SignalEventSchema, event, 'event'),
    }));

  const create = db.transaction((row: ReturnType<typeof signalRow>, events: ReturnType<typeof eventRows>) => {
    if (insertSignal.run(row).changes === 0) return 'exists' as const;
    for (const event of events) insertEvent.run(event);
    return 'created' as const;
  });
  const transition = db.transaction(
    (row: ReturnType<typeof signalRow>, expected: SignalVersion, events: ReturnType<typeof eventRows>) => {
      const cas = {
        ...row,
        expectedStatus: expected.status,
        expectedLastBar: expected.lastBarTimestamp,
        expectedUpdatedAt: expected.updatedAt,
      };
      if (casSignal.run(cas).changes === 0) return signalExists.get(row.id) === undefined ? 'missing' : 'conflict';
      for (const event of events) insertEvent.run(event);
      return 'applied';
    },
  );
  const reject = db.transaction((row: Record<string, unknown>, event: ReturnType<typeof eventRows>[number]) => {
    if (insertRejected.run(row).changes === 0) return 'exists' as const;
    insertEvent.run(event);
    return 'created' as const;
  });

  return {
    getSignal(signalId: string): Signal | null {
      const row = db.prepare(`SELECT doc FROM ${t.signals} WHERE signal_id = ?`).get(signalId);
      return row === undefined ? null : fromJson(SignalSchema, DocRow.parse(row).doc, `stored signal "${signalId}"`);
    },
    listSignals(query: SignalQuery = {}): Signal[] {
      const filters: [string, readonly string[]][] = [];
      if (query.symbol !== undefined) filters.push(['symbol = ?', [query.symbol]]);
      if (query.timeframe !== undefined) filters.push(['timeframe = ?', [query.timeframe]]);
      if (query.statuses !== undefined) {
        filters.push([`status IN (${query.statuses.map(() => '?').join(', ') || 'NULL'})`, query.statuses]);
      }
      const where = filters.map(([clause]) => clause);
      const params = filters.flatMap(([, values]) => values);
      const sql = `SELECT doc FROM ${t.signals} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY bar_timestamp_ms, signal_id`;
      return db.prepare(sql).all(...params).map((row) => fromJson(SignalSchema, DocRow.parse(row).doc, 'stored signal'));
    },
    createSignalIfAbsent(signal: Signal, events: readonly SignalEvent[]): 'created' | 'exists' {
      return create.immediate(signalRow(signal), eventRows(events));
    },
    transitionSignal(signalId: string, expected: SignalVersion, next: Signal, events: readonly SignalEvent[]) {
      if (next.signalId !== signalId) {
        throw new InvalidArgumentError('next.signalId', `"${next.signalId}" is not the signal being transitioned ("${signalId}")`);
      }
      return transition.immediate(signalRow(next), expected, eventRows(events));
    },
    recordRejectedIfAbsent(rejected: RejectedCandidate, event: SignalEvent): 'created' | 'exists' {
      const row = {
        id: rejected.signalId,
        symbol: rejected.symbol,
        timeframe: rejected.timeframe,
        deleteAt: rejectedExpiryMs(ttl),
        doc: toCheckedJson(RejectedCandidateSchema, rejected, 'rejected'),
      };
      return reject.immediate(row, eventRows([event])[0]);
    },
    pendingOutbox(limit: number): OutboxEntry[] {
      const rows = db
        .prepare(`SELECT doc, topic, published_at FROM ${t.outbox} WHERE published_at IS NULL ORDER BY occurred_at_ms, seq LIMIT ?`)
        .all(limit);
      return rows.map((raw) => {
        const row = OutboxRow.parse(raw);
        return { event: fromJson(SignalEventSchema, row.doc, 'outbox event'), topic: row.topic, publishedAt: row.published_at };
      });
    },
    markPublished(eventIds: readonly string[], at: string): void {
      const deleteAt = epochMs(at, 'at') + ttl.publishedEventsMs;
      const mark = db.prepare(
        `UPDATE ${t.outbox} SET published_at = ?, delete_at_ms = ? WHERE event_id = ? AND published_at IS NULL`,
      );
      db.transaction(() => eventIds.forEach((id) => mark.run(at, deleteAt, id))).immediate();
    },
  };
}
