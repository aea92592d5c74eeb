import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import { z } from 'zod';
import { shiftDate } from '../../domain/calendar-date.js';
import { listedCalendar, NYSE_CALENDAR } from '../../domain/sessions/equity-calendar.js';
import type { EquityCalendar, SessionDay } from '../../domain/sessions/equity-calendar.js';
import { newYorkWallClock } from '../../domain/sessions/new-york-time.js';
import type { Logger } from '../../log/logger.js';
import { describeFailure } from '../alpaca-failure.js';
import type { CachedSessions, SessionCalendarCache } from './session-calendar-cache.port.js';

const DAY_MS = 86_400_000;
/** The dates asked for around a scan: the closes near it are the ones the closed-bar filter reads. */
const MARGIN_DAYS = 30;
/** A calendar this old is asked for again: an unscheduled closure is announced days ahead at most. */
const FRESH_MS = DAY_MS;

// The SDK turns `date` into a Date at 00:00 UTC and leaves `close` as the wire's `HH:MM` (New York time).
const WireDay = z.object({ date: z.date(), close: z.string().regex(/^\d{2}:\d{2}$/) });

/**
 * Alpaca's US equity calendar (`GET /v2/calendar` through the SDK's `legacyCalendar`): the trading days with
 * their New York close, early closes and unscheduled closures included, for `from`..`to` (dates).
 */
export async function fetchAlpacaSessions(
  api: Pick<trading.CalendarApi, 'legacyCalendar'>,
  from: string,
  to: string,
): Promise<SessionDay[]> {
  const days = await api.legacyCalendar({ start: new Date(`${from}T00:00:00Z`), end: new Date(`${to}T00:00:00Z`) });
  return days.map((raw, index) => {
    const parsed = WireDay.safeParse(raw);
    if (!parsed.success || Number.isNaN(parsed.data.date.getTime())) {
      throw new Error(
        `Alpaca calendar day ${index} is malformed (field "${parsed.success ? 'date' : parsed.error.issues[0].path.join('.')}")`,
      );
    }
    return { date: parsed.data.date.toISOString().slice(0, 10), close: parsed.data.close };
  });
}

export interface AlpacaEquityCalendarOptions {
  readonly api: Pick<trading.CalendarApi, 'legacyCalendar'>;
  readonly cache?: SessionCalendarCache;
  readonly logger: Pick<Logger, 'warn'>;
  readonly now: () => Date;
}

/**
 * The equity calendar a scan at `asOf` uses: Alpaca's sessions around it, remembered in the store for a day, over
 * the bundled NYSE rules for every other date. When Alpaca cannot be asked, the last remembered sessions or the
 * bundled rules serve, with a warning: the scan goes on.
 */
export function createAlpacaEquityCalendar(options: AlpacaEquityCalendarOptions): {
  calendarFor(asOf: Date): Promise<EquityCalendar>;
} {
  let memo: CachedSessions | null = null;
  const covers = (entry: CachedSessions | null, date: string): entry is CachedSessions =>
    entry !== null && entry.from <= shiftDate(date, -7) && entry.to >= shiftDate(date, 7);
  const fresh = (entry: CachedSessions): boolean => options.now().getTime() - Date.parse(entry.fetchedAt) < FRESH_MS;
  const calendarOf = (entry: CachedSessions): EquityCalendar => listedCalendar(entry.days, entry.from, entry.to, NYSE_CALENDAR);

  return {
    async calendarFor(asOf: Date): Promise<EquityCalendar> {
      const date = newYorkWallClock(asOf.getTime()).date;
      if (covers(memo, date) && fresh(memo)) return calendarOf(memo);
      let stored: CachedSessions | null = null;
      try {
        stored = (await options.cache?.getSessions()) ?? null;
      } catch (error) {
        options.logger.warn('session calendar cache unreadable: asking Alpaca', { error: String(error) });
      }
      if (covers(stored, date) && fresh(stored)) {
        memo = stored;
        return calendarOf(stored);
      }
      const from = shiftDate(date, -MARGIN_DAYS);
      const to = shiftDate(date, MARGIN_DAYS);
      let days: SessionDay[];
      try {
        days = await fetchAlpacaSessions(options.api, from, to);
      } catch (error) {
        const fallback = covers(stored, date) ? stored : covers(memo, date) ? memo : null;
        options.logger.warn(
          `Alpaca calendar request failed: ${describeFailure(error)}; using ${fallback ? 'the remembered sessions' : 'the bundled NYSE calendar'}`,
        );
        return fallback ? calendarOf(fallback) : NYSE_CALENDAR;
      }
      memo = { from, to, days, fetchedAt: options.now().toISOString() };
      try {
        await options.cache?.putSessions(memo);
      } catch (error) {
        options.logger.warn('session calendar not remembered', { error: String(error) });
      }
      return calendarOf(memo);
    },
  };
}
