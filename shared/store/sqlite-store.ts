import { makeFolderOf } from './sqlite-folder.js';
import Database from 'better-sqlite3';
import { sqliteBarLedgerStore } from './sqlite-bar-ledger-store.js';
import { sqliteDeadLetterStore } from './sqlite-dead-letter-store.js';
import { sqliteDeliveryStore } from './sqlite-delivery-store.js';
import { sqliteExpiryStore } from './sqlite-expiry-store.js';
import { sqliteOutboxStore } from './sqlite-outbox-store.js';
import { migrate, tablesFor } from './sqlite-schema.js';
import { sqliteSignalStore } from './sqlite-signal-store.js';
import type { StateStore } from './store.port.js';
import { DEFAULT_TTL } from './ttl.js';
import type { StoreTtl } from './ttl.js';

/** Where and for which environment to open the SQLite store. */
export interface SqliteStoreOptions {
  /** A file (its folder is created) or `:memory:`; default `.sentinel/sentinel.db`. */
  readonly path?: string;
  /** `prod` uses `live_` tables, `dev` uses `test_` tables (DESIGN §5). */
  readonly environment: 'dev' | 'prod';
  readonly ttl?: Partial<StoreTtl>;
}

/** The default database file of a local run. */
export const DEFAULT_SQLITE_PATH = '.sentinel/sentinel.db';

/**
 * Opens (and migrates) the local state store on better-sqlite3: WAL journal, a busy timeout so two
 * processes can share the file, one immediate transaction per write. One adapter per aggregate port, each
 * with its statements prepared once.
 */
export function openSqliteStore(options: SqliteStoreOptions): StateStore {
  const path = options.path ?? DEFAULT_SQLITE_PATH;
  makeFolderOf(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const tables = tablesFor(options.environment);
  migrate(db, tables, path);
  const ttl: StoreTtl = { ...DEFAULT_TTL, ...options.ttl };
  return {
    ...sqliteSignalStore(db, tables, ttl),
    ...sqliteOutboxStore(db, tables, ttl),
    ...sqliteDeliveryStore(db, tables, ttl),
    ...sqliteDeadLetterStore(db, tables, ttl),
    ...sqliteBarLedgerStore(db, tables),
    ...sqliteExpiryStore(db, tables),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
