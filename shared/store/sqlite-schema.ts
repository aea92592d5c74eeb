import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors/errors.js';

/** The table names of one environment: `live_` for prod, `test_` for dev (DESIGN §5). */
export function tablesFor(environment: 'dev' | 'prod') {
  const p = environment === 'prod' ? 'live_' : 'test_';
  return {
    version: `${p}schema_version`,
    signals: `${p}signals`,
    rejected: `${p}rejected`,
    outbox: `${p}outbox`,
    deliveries: `${p}deliveries`,
    deadLetters: `${p}dead_letters`,
    barLedger: `${p}bar_ledger`,
  } as const;
}

/** The tables of one environment. */
export type Tables = ReturnType<typeof tablesFor>;

/**
 * Migrations in order; the schema version is how many have run. Documents are JSON in `doc`; the columns
 * beside them exist for queries, compare-and-set and expiry. Times that are compared are epoch ms.
 */
const MIGRATIONS: readonly ((t: Tables) => string)[] = [
  (t) => `
    CREATE TABLE ${t.signals} (
      signal_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, timeframe TEXT NOT NULL, status TEXT NOT NULL,
      bar_timestamp_ms INTEGER NOT NULL, last_bar_timestamp TEXT NOT NULL, updated_at TEXT NOT NULL,
      delete_at_ms INTEGER, doc TEXT NOT NULL);
    CREATE INDEX ${t.signals}_query ON ${t.signals} (symbol, timeframe, status);
    CREATE INDEX ${t.signals}_delete_at ON ${t.signals} (delete_at_ms);
    CREATE TABLE ${t.rejected} (
      signal_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
      delete_at_ms INTEGER, doc TEXT NOT NULL);
    CREATE INDEX ${t.rejected}_delete_at ON ${t.rejected} (delete_at_ms);
    CREATE TABLE ${t.outbox} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, topic TEXT NOT NULL,
      type TEXT NOT NULL, signal_id TEXT NOT NULL, occurred_at_ms INTEGER NOT NULL, published_at TEXT,
      delete_at_ms INTEGER, doc TEXT NOT NULL);
    CREATE INDEX ${t.outbox}_pending ON ${t.outbox} (occurred_at_ms, seq) WHERE published_at IS NULL;
    CREATE INDEX ${t.outbox}_delete_at ON ${t.outbox} (delete_at_ms);
    CREATE TABLE ${t.deliveries} (
      event_id TEXT NOT NULL, channel TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
      claimed_at TEXT NOT NULL, lease_until_ms INTEGER NOT NULL, message_id TEXT, sent_at TEXT,
      delete_at_ms INTEGER, PRIMARY KEY (event_id, channel));
    CREATE INDEX ${t.deliveries}_delete_at ON ${t.deliveries} (delete_at_ms);
    CREATE TABLE ${t.deadLetters} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, at_ms INTEGER NOT NULL,
      delete_at_ms INTEGER, doc TEXT NOT NULL);
    CREATE INDEX ${t.deadLetters}_newest ON ${t.deadLetters} (at_ms DESC, seq DESC);
    CREATE INDEX ${t.deadLetters}_delete_at ON ${t.deadLetters} (delete_at_ms);`,
  (t) => `
    CREATE TABLE ${t.barLedger} (
      symbol TEXT NOT NULL, timeframe TEXT NOT NULL, updated_at TEXT NOT NULL, bars TEXT NOT NULL,
      PRIMARY KEY (symbol, timeframe));`,
];

/** The schema version this code writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

const VersionRow = z.object({ version: z.number().int() });

/** Brings the environment's tables to the current schema version, in one transaction. */
export function migrate(db: Database, tables: Tables, path: string): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${tables.version} (version INTEGER NOT NULL)`);
    const row = db.prepare(`SELECT version FROM ${tables.version}`).get();
    const current = row === undefined ? 0 : VersionRow.parse(row).version;
    if (current > SQLITE_SCHEMA_VERSION) {
      throw new InvalidArgumentError('path', `${path} has schema version ${current}, newer than ${SQLITE_SCHEMA_VERSION}`);
    }
    for (const migration of MIGRATIONS.slice(current)) db.exec(migration(tables));
    db.prepare(`DELETE FROM ${tables.version}`).run();
    db.prepare(`INSERT INTO ${tables.version} (version) VALUES (?)`).run(SQLITE_SCHEMA_VERSION);
  }).immediate();
}
