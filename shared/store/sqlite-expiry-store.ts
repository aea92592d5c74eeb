import type { Database } from 'better-sqlite3';
import type { ExpiryStore } from './expiry-store.port.js';
import type { Tables } from './sqlite-schema.js';
import { epochMs } from './ttl.js';

/** Expiry on SQLite: every table with a `delete_at_ms` column, in one transaction (the bar ledger has no TTL). */
export function sqliteExpiryStore(db: Database, t: Tables): ExpiryStore {
  const deletes = [t.signals, t.rejected, t.outbox, t.deliveries, t.deadLetters].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE delete_at_ms <= ?`),
  );
  const deleteAll = db.transaction((nowMs: number) => deletes.reduce((n, statement) => n + statement.run(nowMs).changes, 0));
  return {
    async deleteExpired(now) {
      return deleteAll.immediate(epochMs(now, 'now'));
    },
  };
}
