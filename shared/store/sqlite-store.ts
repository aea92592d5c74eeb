import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { barLedgerOperations } from './sqlite-bar-ledger.js';
import { deliveryOperations } from './sqlite-deliveries.js';
import { migrate, tablesFor } from './sqlite-schema.js';
import { signalOperations } from './sqlite-signals.js';
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
 * processes can share the file, one immediate transaction per write.
 */
export function openSqliteStore(options: SqliteStoreOptions): StateStore {
  const path = options.path ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const tables = tablesFor(options.environment);
  migrate(db, tables, path);
  const ttl: StoreTtl = { ...DEFAULT_TTL, ...options.ttl };
  const signals = signalOperations(db, tables, ttl);
  const deliveries = deliveryOperations(db, tables, ttl);
  const ledger = barLedgerOperations(db, tables);
  return {
    getSignal: async (signalId) => signals.getSignal(signalId),
    listSignals: async (query) => signals.listSignals(query),
    createSignalIfAbsent: async (signal, events) => signals.createSignalIfAbsent(signal, events),
    transitionSignal: async (signalId, expected, next, events) => signals.transitionSignal(signalId, expected, next, events),
    recordRejectedIfAbsent: async (rejected, event) => signals.recordRejectedIfAbsent(rejected, event),
    pendingOutbox: async (limit) => signals.pendingOutbox(limit),
    markPublished: async (eventIds, at) => signals.markPublished(eventIds, at),
    claimDelivery: async (eventId, channel, now, leaseMs) => deliveries.claimDelivery(eventId, channel, now, leaseMs),
    completeDelivery: async (eventId, channel, receipt, now) => deliveries.completeDelivery(eventId, channel, receipt, now),
    releaseDelivery: async (eventId, channel) => deliveries.releaseDelivery(eventId, channel),
    getDelivery: async (eventId, channel) => deliveries.getDelivery(eventId, channel),
    recordDeadLetter: async (letter) => deliveries.recordDeadLetter(letter),
    listDeadLetters: async (limit) => deliveries.listDeadLetters(limit),
    getBarLedger: async (symbol, timeframe) => ledger.getBarLedger(symbol, timeframe),
    putBarLedger: async (symbol, timeframe, bars, updatedAt) => ledger.putBarLedger(symbol, timeframe, bars, updatedAt),
    deleteExpired: async (now) => deliveries.deleteExpired(now),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
