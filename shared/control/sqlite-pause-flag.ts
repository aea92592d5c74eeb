import { makeFolderOf } from '../store/sqlite-folder.js';
import Database from 'better-sqlite3';
import { pauseStateOf } from './pause-flag.js';
import type { PauseFlag, PauseState } from './pause-flag.js';

/** The flag in the SQLite file of the store, in its own `<env>_control` table (one row per key). */
export function sqlitePauseFlag(path: string, environment: 'dev' | 'prod'): PauseFlag & { close(): void } {
  makeFolderOf(path);
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  const table = `${environment === 'prod' ? 'live_' : 'test_'}control`;
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
  // Prepared once: every scan reads the flag.
  const read = db.prepare(`SELECT doc FROM ${table} WHERE key = 'pause'`);
  const write = db.prepare(`INSERT OR REPLACE INTO ${table} (key, doc) VALUES ('pause', ?)`);
  return {
    get: async () => {
      const row = read.get() as { doc: string } | undefined;
      if (row === undefined) return pauseStateOf({ paused: false });
      try {
        return pauseStateOf(JSON.parse(row.doc));
      } catch {
        return pauseStateOf({ reason: 'unreadable pause flag' });
      }
    },
    set: async (state: PauseState) => {
      write.run(JSON.stringify(state));
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
