import { NYSE_CALENDAR } from '../../shared/domain/sessions/equity-calendar.js';
import type { SessionDay } from '../../shared/domain/sessions/equity-calendar.js';
import { BadRequest } from './alpaca-server-bars.js';

/** The trading API path of the US equity calendar. */
export const CALENDAR_PATH = '/v2/calendar';

/**
 * One day of `GET /v2/calendar` as Alpaca writes it: `date` `YYYY-MM-DD`, `open`/`close` `HH:MM` New York time,
 * `session_open`/`session_close` the extended session as `HHMM`, `settlement_date` (T+1 since May 2024, T+2 before)
 * [TRS CalendarDay; the `HHMM` spelling of the session fields is **unconfirmed**].
 */
interface WireCalendarDay {
  readonly date: string;
  readonly open: string;
  readonly close: string;
  readonly session_open: string;
  readonly session_close: string;
  readonly settlement_date: string;
}

const DAY_MS = 86_400_000;

/** `start`/`end` as Alpaca takes them: a date or an RFC-3339 time (the SDK sends `toISOString()`); the date part counts. */
function dateParam(query: URLSearchParams, name: string, fallback: string): string {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new BadRequest(`invalid ${name}: ${value}`);
  return value.slice(0, 10);
}

/**
 * The calendar between `start` and `end` (inclusive): the listed `days` when the test gives them (to script an
 * unscheduled closure or early close), else the NYSE rules. Settlement is the next trading day.
 */
export function calendarPage(days: readonly SessionDay[] | undefined, query: URLSearchParams, nowMs: number): WireCalendarDay[] {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const start = dateParam(query, 'start', today);
  const end = dateParam(query, 'end', today);
  const listed = days ? new Map(days.map((day) => [day.date, day])) : undefined;
  const sessions: SessionDay[] = [];
  for (let ms = Date.parse(`${start}T00:00:00Z`); ms <= Date.parse(`${end}T00:00:00Z`) + 5 * DAY_MS; ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const session = listed ? (listed.get(date) ?? null) : NYSE_CALENDAR.session(date);
    if (session) sessions.push(session);
  }
  return sessions
    .filter((session) => session.date <= end)
    .map((session) => ({
      date: session.date,
      open: '09:30',
      close: session.close,
      session_open: '0400',
      session_close: session.close === '16:00' ? '2000' : `${String(Number(session.close.slice(0, 2)) + 4).padStart(2, '0')}00`,
      settlement_date: sessions.find((next) => next.date > session.date)?.date ?? session.date,
    }));
}
