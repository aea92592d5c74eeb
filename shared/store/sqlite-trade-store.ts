import { makeFolderOf } from './sqlite-folder.js';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors/errors.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { AccountSnapshotSchema, JournalEntrySchema, OrderRecordSchema, PositionRecordSchema } from '../trading/trade-records.js';
import { deskClaimOver } from './desk-lease.js';
import { epochMs } from './ttl.js';
import type { DeskClaim, TradeStore } from './trade-store.port.js';
import { DEFAULT_SQLITE_PATH } from './sqlite-store.js';

/** The trading tables of one environment (`live_` in prod, `test_` in dev), beside the signal tables. */
function tradeTablesFor(environment: 'dev' | 'prod') {
  const p = environment === 'prod' ? 'live_' : 'test_';
  return {
    version: `${p}trades_schema_version`,
    orders: `${p}orders`,
    positions: `${p}positions`,
    journal: `${p}trade_journal`,
    snapshots: `${p}account_snapshots`,
    desk: `${p}trade_desk`,
  } as const;
}
type TradeTables = ReturnType<typeof tradeTablesFor>;

const MIGRATIONS: readonly ((t: TradeTables) => string)[] = [
  (t) => `
    CREATE TABLE ${t.orders} (
      client_order_id TEXT PRIMARY KEY, signal_id TEXT NOT NULL, submitted_at_ms INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX ${t.orders}_signal ON ${t.orders} (signal_id, submitted_at_ms);
    CREATE TABLE ${t.positions} (
      signal_id TEXT PRIMARY KEY, status TEXT NOT NULL, opened_at_ms INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX ${t.positions}_status ON ${t.positions} (status, opened_at_ms);
    CREATE TABLE ${t.journal} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, signal_id TEXT, at_ms INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX ${t.journal}_signal ON ${t.journal} (signal_id, seq);
    CREATE TABLE ${t.snapshots} (id TEXT PRIMARY KEY, at_ms INTEGER NOT NULL, doc TEXT NOT NULL);`,
  (t) => `CREATE TABLE ${t.desk} (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL, until_ms INTEGER NOT NULL);`,
];

const VersionRow = z.object({ version: z.number().int() });
const DocRow = z.object({ doc: z.string() });
const DeskRow = z.object({ holder: z.string(), until_ms: z.number().int() }).transform((row) => ({
  holder: row.holder,
  untilMs: row.until_ms,
}));

/**
 * The trade store on SQLite: its own connection to the state store's file (WAL, busy timeout), its own tables
 * and schema version. Documents are checked JSON; columns exist for keys and ordering.
 */
export function openSqliteTradeStore(options: { readonly path?: string; readonly environment: 'dev' | 'prod' }): TradeStore {
  const path = options.path ?? DEFAULT_SQLITE_PATH;
  makeFolderOf(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // As the state store: with WAL, NORMAL loses nothing a crashed process wrote, and syncs at checkpoints only.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const t = tradeTablesFor(options.environment);
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${t.version} (version INTEGER NOT NULL)`);
    const row = db.prepare(`SELECT version FROM ${t.version}`).get();
    const current = row === undefined ? 0 : VersionRow.parse(row).version;
    if (current > MIGRATIONS.length)
      throw new InvalidArgumentError('path', `${path} has trade schema version ${current}, newer than ${MIGRATIONS.length}`);
    for (const migration of MIGRATIONS.slice(current)) db.exec(migration(t));
    db.prepare(`DELETE FROM ${t.version}`).run();
    db.prepare(`INSERT INTO ${t.version} (version) VALUES (?)`).run(MIGRATIONS.length);
  }).immediate();

  const docs = <S extends z.ZodType>(schema: S, rows: unknown[], source: string): z.output<S>[] =>
    rows.map((raw) => fromJson(schema, DocRow.parse(raw).doc, source));
  const one = <S extends z.ZodType>(schema: S, raw: unknown, source: string): z.output<S> | null =>
    raw === undefined ? null : fromJson(schema, DocRow.parse(raw).doc, source);

  const q = {
    getOrder: db.prepare(`SELECT doc FROM ${t.orders} WHERE client_order_id = ?`),
    putOrder: db.prepare(
      `INSERT INTO ${t.orders} (client_order_id, signal_id, submitted_at_ms, doc) VALUES (@id, @signalId, @at, @doc)
       ON CONFLICT (client_order_id) DO UPDATE SET signal_id = excluded.signal_id, submitted_at_ms = excluded.submitted_at_ms, doc = excluded.doc`,
    ),
    allOrders: db.prepare(`SELECT doc FROM ${t.orders} ORDER BY submitted_at_ms, client_order_id`),
    signalOrders: db.prepare(`SELECT doc FROM ${t.orders} WHERE signal_id = ? ORDER BY submitted_at_ms, client_order_id`),
    getPosition: db.prepare(`SELECT doc FROM ${t.positions} WHERE signal_id = ?`),
    putPosition: db.prepare(
      `INSERT INTO ${t.positions} (signal_id, status, opened_at_ms, doc) VALUES (@id, @status, @at, @doc)
       ON CONFLICT (signal_id) DO UPDATE SET status = excluded.status, opened_at_ms = excluded.opened_at_ms, doc = excluded.doc`,
    ),
    allPositions: db.prepare(`SELECT doc FROM ${t.positions} ORDER BY opened_at_ms, signal_id`),
    statusPositions: db.prepare(`SELECT doc FROM ${t.positions} WHERE status = ? ORDER BY opened_at_ms, signal_id`),
    appendJournal: db.prepare(
      `INSERT OR IGNORE INTO ${t.journal} (id, signal_id, at_ms, doc) VALUES (@id, @signalId, @at, @doc)`,
    ),
    allJournal: db.prepare(`SELECT doc FROM ${t.journal} ORDER BY at_ms, seq LIMIT ?`),
    signalJournal: db.prepare(`SELECT doc FROM ${t.journal} WHERE signal_id = ? ORDER BY at_ms, seq LIMIT ?`),
    putSnapshot: db.prepare(
      `INSERT INTO ${t.snapshots} (id, at_ms, doc) VALUES (@id, @at, @doc) ON CONFLICT (id) DO UPDATE SET at_ms = excluded.at_ms, doc = excluded.doc`,
    ),
    snapshots: db.prepare(`SELECT doc FROM ${t.snapshots} ORDER BY at_ms DESC, id DESC LIMIT ?`),
    getDesk: db.prepare(`SELECT holder, until_ms FROM ${t.desk} WHERE id = 1`),
    putDesk: db.prepare(
      `INSERT INTO ${t.desk} (id, holder, until_ms) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms`,
    ),
    releaseDesk: db.prepare(`DELETE FROM ${t.desk} WHERE id = 1 AND holder = ?`),
  };
  const claimDesk = db.transaction((holder: string, nowMs: number, leaseMs: number): DeskClaim => {
    const raw = q.getDesk.get();
    const claim = deskClaimOver(raw === undefined ? undefined : DeskRow.parse(raw), holder, nowMs);
    if (claim.taken) q.putDesk.run(holder, nowMs + leaseMs);
    return claim;
  });

  return {
    getOrder: async (id) => one(OrderRecordSchema, q.getOrder.get(id), `stored order "${id}"`),
    putOrder: async (order) => {
      const doc = toCheckedJson(OrderRecordSchema, order, 'order');
      q.putOrder.run({
        id: order.clientOrderId,
        signalId: order.signalId,
        at: epochMs(order.submittedAt, 'order.submittedAt'),
        doc,
      });
    },
    listOrders: async (query = {}) =>
      docs(
        OrderRecordSchema,
        query.signalId === undefined ? q.allOrders.all() : q.signalOrders.all(query.signalId),
        'stored order',
      ),
    getPosition: async (id) => one(PositionRecordSchema, q.getPosition.get(id), `stored position "${id}"`),
    putPosition: async (position) => {
      const doc = toCheckedJson(PositionRecordSchema, position, 'position');
      q.putPosition.run({
        id: position.signalId,
        status: position.status,
        at: epochMs(position.openedAt, 'position.openedAt'),
        doc,
      });
    },
    listPositions: async (status) =>
      docs(PositionRecordSchema, status === undefined ? q.allPositions.all() : q.statusPositions.all(status), 'stored position'),
    appendJournal: async (entry) => {
      const doc = toCheckedJson(JournalEntrySchema, entry, 'entry');
      const result = q.appendJournal.run({ id: entry.id, signalId: entry.signalId, at: epochMs(entry.at, 'entry.at'), doc });
      return result.changes === 1 ? 'recorded' : 'exists';
    },
    listJournal: async ({ signalId, limit }) =>
      docs(
        JournalEntrySchema,
        signalId === undefined ? q.allJournal.all(limit) : q.signalJournal.all(signalId, limit),
        'journal entry',
      ),
    putAccountSnapshot: async (snapshot) => {
      const doc = toCheckedJson(AccountSnapshotSchema, snapshot, 'snapshot');
      q.putSnapshot.run({ id: snapshot.id, at: epochMs(snapshot.at, 'snapshot.at'), doc });
    },
    listAccountSnapshots: async (limit) => docs(AccountSnapshotSchema, q.snapshots.all(limit), 'account snapshot'),
    claimDesk: async (holder, now, leaseMs) => claimDesk.immediate(holder, epochMs(now, 'now'), leaseMs),
    releaseDesk: async (holder) => {
      q.releaseDesk.run(holder);
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}
