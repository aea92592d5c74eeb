import Database from 'better-sqlite3';
import { migrate, tablesFor } from '../sqlite-schema.js';
import type { BackupRow, StoreBackup } from './backup-format.js';

/** The data tables of an environment, under their names without the `live_`/`test_` prefix. */
function dataTables(environment: 'dev' | 'prod'): Array<[string, string]> {
  const { version: _version, ...tables } = tablesFor(environment);
  return Object.entries(tables);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Every row of the store's tables at `path` (read-only). */
export function exportSqliteStore(path: string, environment: 'dev' | 'prod', now: Date): StoreBackup {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const collections: Record<string, BackupRow[]> = {};
    for (const [name, table] of dataTables(environment)) {
      const exists = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
      collections[name] = exists
        ? db
            .prepare(`SELECT * FROM ${table}`)
            .all()
            .map((row) => ({ fields: row as Record<string, unknown> }))
        : [];
    }
    return {
      format: 'crypto-sentinel-backup',
      version: 1,
      store: 'sqlite',
      environment,
      createdAt: now.toISOString(),
      collections,
    };
  } finally {
    db.close();
  }
}

/** Writes every row of `backup` into the store at `path` (created and migrated if needed); a row with the same key is replaced. */
export function importSqliteStore(path: string, backup: StoreBackup): number {
  const db = new Database(path);
  try {
    const tables = tablesFor(backup.environment);
    migrate(db, tables, path);
    let written = 0;
    db.transaction(() => {
      for (const [name, table] of dataTables(backup.environment)) {
        for (const { fields } of backup.collections[name] ?? []) {
          const columns = Object.keys(fields).filter((c) => IDENTIFIER.test(c));
          const sql = `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
          db.prepare(sql).run(...columns.map((c) => fields[c] as string | number | null));
          written++;
        }
      }
    }).immediate();
    return written;
  } finally {
    db.close();
  }
}
