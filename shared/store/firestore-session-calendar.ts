import type { Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { collectionPrefix } from '../config/load-config.js';
import type { CachedSessions, SessionCalendarCache } from '../market-data/calendar/session-calendar-cache.port.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { storedFields } from './firestore-collections.js';
import { SESSION_CALENDAR_KEY, SessionDaysSchema } from './session-calendar-document.js';

const Fields = z.object({ from: z.string(), to: z.string(), fetched_at: z.string(), days: z.string() });

/** Alpaca's equity calendar remembered on Firestore: one document `session_calendar/US_EQUITY`, laid out as SQLite's row. */
export function firestoreSessionCalendarCache(options: {
  readonly firestore: Firestore;
  readonly environment: 'dev' | 'prod';
  /** A run prefix after `live_`/`test_`, as the store takes it (tests). */
  readonly prefix?: string;
}): SessionCalendarCache {
  const ref = options.firestore
    .collection(`${collectionPrefix(options)}${options.prefix ?? ''}session_calendar`)
    .doc(SESSION_CALENDAR_KEY);
  return {
    async getSessions(): Promise<CachedSessions | null> {
      const snapshot = await ref.get();
      if (!snapshot.exists) return null;
      const fields = storedFields(Fields, snapshot, 'session calendar');
      return {
        from: fields.from,
        to: fields.to,
        fetchedAt: fields.fetched_at,
        days: fromJson(SessionDaysSchema, fields.days, 'session calendar'),
      };
    },
    async putSessions(entry: CachedSessions): Promise<void> {
      await ref.set({
        from: entry.from,
        to: entry.to,
        fetched_at: entry.fetchedAt,
        days: toCheckedJson(SessionDaysSchema, entry.days, 'days'),
      });
    },
  };
}
