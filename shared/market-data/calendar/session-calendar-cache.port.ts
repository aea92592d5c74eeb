import type { SessionDay } from '../../domain/sessions/equity-calendar.js';

/** The US equity sessions Alpaca's calendar gave for the dates `from`..`to` (inclusive), and when it was asked. */
export interface CachedSessions {
  readonly from: string;
  readonly to: string;
  readonly days: readonly SessionDay[];
  readonly fetchedAt: string;
}

/** Where the calendar is remembered between instances: a cache, so a failed read or write never fails a scan. */
export interface SessionCalendarCache {
  getSessions(): Promise<CachedSessions | null>;
  putSessions(entry: CachedSessions): Promise<void>;
}
