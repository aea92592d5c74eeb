import { isOpenStatus } from '../domain/signal.js';
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { Signal } from '../domain/signal.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { RejectedCandidateSchema } from '../messages/candidate.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { SignalSchema } from '../messages/signal.js';
import type { SignalQuery, SignalStore, SignalVersion } from './signal-store.port.js';
import { outboxRows, outboxWriter } from './sqlite-outbox-store.js';
import type { OutboxRow } from './sqlite-outbox-store.js';
import type { Tables } from './sqlite-schema.js';
import { epochMs, rejectedExpiryMs, signalExpiryMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

const DocRow = z.object({ doc: z.string() });

/** Signals and shadow candidates on SQLite; every write is one immediate transaction with its outbox rows. */
export function sqliteSignalStore(db: Database, t: Tables, ttl: StoreTtl): SignalStore {
  const insertSignal = db.prepare(
    `INSERT OR IGNORE INTO ${t.signals} (signal_id, symbol, timeframe, status, bar_timestamp_ms, last_bar_timestamp, updated_at, delete_at_ms, doc)
     VALUES (@id, @symbol, @timeframe, @status, @barMs, @lastBar, @updatedAt, @deleteAt, @doc)`,
  );
  const casSignal = db.prepare(
    `UPDATE ${t.signals} SET status = @status, last_bar_timestamp = @lastBar, updated_at = @updatedAt, delete_at_ms = @deleteAt, doc = @doc
     WHERE signal_id = @id AND status = @expectedStatus AND last_bar_timestamp = @expectedLastBar AND updated_at = @expectedUpdatedAt`,
  );
  const signalExists = db.prepare(`SELECT 1 FROM ${t.signals} WHERE signal_id = ?`);
  const selectSignal = db.prepare(`SELECT doc FROM ${t.signals} WHERE signal_id = ?`);
  const insertRejected = db.prepare(
    `INSERT OR IGNORE INTO ${t.rejected} (signal_id, symbol, timeframe, delete_at_ms, doc) VALUES (@id, @symbol, @timeframe, @deleteAt, @doc)`,
  );
  const writeEvents = outboxWriter(db, t);
  // One statement per filter combination, prepared on first use.
  const listStatements = new Map<string, Statement>();
  const listStatement = (sql: string) => {
    let statement = listStatements.get(sql);
    if (!statement) listStatements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

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

  const create = db.transaction((row: ReturnType<typeof signalRow>, events: readonly OutboxRow[]) => {
    if (insertSignal.run(row).changes === 0) return 'exists' as const;
    writeEvents(events);
    return 'created' as const;
  });
  const transition = db.transaction(
    (row: ReturnType<typeof signalRow>, expected: SignalVersion, events: readonly OutboxRow[]) => {
      const cas = {
        ...row,
        expectedStatus: expected.status,
        expectedLastBar: expected.lastBarTimestamp,
        expectedUpdatedAt: expected.updatedAt,
      };
      if (casSignal.run(cas).changes === 0)
        return signalExists.get(row.id) === undefined ? ('missing' as const) : ('conflict' as const);
      writeEvents(events);
      return 'applied' as const;
    },
  );
  const reject = db.transaction((row: Record<string, unknown>, events: readonly OutboxRow[]) => {
    if (insertRejected.run(row).changes === 0) return 'exists' as const;
    writeEvents(events);
    return 'created' as const;
  });

  return {
    async getSignal(signalId) {
      const row = selectSignal.get(signalId);
      return row === undefined ? null : fromJson(SignalSchema, DocRow.parse(row).doc, `stored signal "${signalId}"`);
    },
    async listSignals(query: SignalQuery = {}) {
      const filters: [string, readonly string[]][] = [];
      if (query.symbol !== undefined) filters.push(['symbol = ?', [query.symbol]]);
      if (query.timeframe !== undefined) filters.push(['timeframe = ?', [query.timeframe]]);
      if (query.statuses !== undefined) {
        filters.push([`status IN (${query.statuses.map(() => '?').join(', ') || 'NULL'})`, query.statuses]);
      }
      const where = filters.map(([clause]) => clause);
      const params = filters.flatMap(([, values]) => values);
      const sql = `SELECT doc FROM ${t.signals} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY bar_timestamp_ms, signal_id`;
      return listStatement(sql)
        .all(...params)
        .map((row) => fromJson(SignalSchema, DocRow.parse(row).doc, 'stored signal'));
    },
    async createSignalIfAbsent(signal, events) {
      return create.immediate(signalRow(signal), outboxRows(events));
    },
    async transitionSignal(signalId, expected, next, events) {
      if (next.signalId !== signalId) {
        throw new InvalidArgumentError(
          'next.signalId',
          `"${next.signalId}" is not the signal being transitioned ("${signalId}")`,
        );
      }
      return transition.immediate(signalRow(next), expected, outboxRows(events));
    },
    async recordRejectedIfAbsent(rejected, event) {
      const row = {
        id: rejected.signalId,
        symbol: rejected.symbol,
        timeframe: rejected.timeframe,
        deleteAt: rejectedExpiryMs(ttl),
        doc: toCheckedJson(RejectedCandidateSchema, rejected, 'rejected'),
      };
      return reject.immediate(row, outboxRows([event]));
    },
  };
}
