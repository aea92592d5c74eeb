import { makeFolderOf } from './sqlite-folder.js';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { collectionPrefix } from '../config/load-config.js';
import type { CachedSessions, SessionCalendarCache } from '../market-data/calendar/session-calendar-cache.port.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { SESSION_CALENDAR_KEY, SessionDaysSchema } from './session-calendar-document.js';

const Row = z.object({ from_date: z.string(), to_date: z.string(), fetched_at: z.string(), days: z.string() });

/**
 * Alpaca's equity calendar remembered in the SQLite file of the store (its own table, created if absent, on its
 * own connection: the file is shared in WAL mode).
 */
export function openSqliteSessionCalendarCache(options: {
  readonly path: string;
  readonly environment: 'dev' | 'prod';
}): SessionCalendarCache {
  makeFolderOf(options.path);
  const db = new Database(options.path);
  db.pragma('busy_timeout = 5000');
  const table = `${collectionPrefix(options)}session_calendar`;
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${table} (market TEXT PRIMARY KEY, from_date TEXT NOT NULL, to_date TEXT NOT NULL, fetched_at TEXT NOT NULL, days TEXT NOT NULL)`,
  );
  const select = db.prepare(`SELECT from_date, to_date, fetched_at, days FROM ${table} WHERE market = ?`);
  const upsert = db.prepare(
    `INSERT INTO ${table} (market, from_date, to_date, fetched_at, days) VALUES (@market, @from, @to, @fetchedAt, @days)
     ON CONFLICT (market) DO UPDATE SET from_date = excluded.from_date, to_date = excluded.to_date, fetched_at = excluded.fetched_at, days = excluded.days`,
  );
  return {
    async getSessions(): Promise<CachedSessions | null> {
      const raw = select.get(SESSION_CALENDAR_KEY);
      if (raw === undefined) return null;
      const row = Row.parse(raw);
      return {
        from: row.from_date,
        to: row.to_date,
        fetchedAt: row.fetched_at,
        days: fromJson(SessionDaysSchema, row.days, 'session calendar'),
      };
    },
    async putSessions(entry: CachedSessions): Promise<void> {
      upsert.run({
        market: SESSION_CALENDAR_KEY,
        from: entry.from,
        to: entry.to,
        fetchedAt: entry.fetchedAt,
        days: toCheckedJson(SessionDaysSchema, entry.days, 'days'),
      });
    },
  };
}
