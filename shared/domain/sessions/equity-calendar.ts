import { shiftDate } from '../calendar-date.js';
import { EARLY_CLOSE, nyseEarlyCloses, nyseHolidays, REGULAR_CLOSE, SPECIAL_CLOSURES, weekday } from './nyse-rules.js';

/** One trading session of the US equity market: its date and its close, New York wall-clock `HH:MM`. */
export interface SessionDay {
  readonly date: string;
  readonly close: string;
}

/** Which days the US equity market trades and when each session closes. */
export interface EquityCalendar {
  /** The session on `date` (`YYYY-MM-DD`), or null when the market is closed that day. */
  session(date: string): SessionDay | null;
}

/** Why the market is closed on a weekday, or null when it trades (bundled rules, for log lines and `explain`). */
export function closureReason(date: string): string | null {
  const day = weekday(date);
  if (day === 0 || day === 6) return 'weekend';
  const year = Number(date.slice(0, 4));
  return SPECIAL_CLOSURES[date] ?? nyseHolidays(year).get(date) ?? null;
}

const years = new Map<number, { holidays: Map<string, string>; early: Map<string, string> }>();
function rulesOf(year: number) {
  let rules = years.get(year);
  if (!rules) {
    rules = { holidays: nyseHolidays(year), early: nyseEarlyCloses(year) };
    years.set(year, rules);
  }
  return rules;
}

/**
 * The bundled calendar: the NYSE's published rules (nyse-rules.ts), for replays, offline use and any day
 * outside what Alpaca's calendar has told us.
 */
export const NYSE_CALENDAR: EquityCalendar = {
  session(date: string): SessionDay | null {
    const day = weekday(date);
    if (day === 0 || day === 6 || Object.hasOwn(SPECIAL_CLOSURES, date)) return null;
    const rules = rulesOf(Number(date.slice(0, 4)));
    if (rules.holidays.has(date)) return null;
    return { date, close: rules.early.has(date) ? EARLY_CLOSE : REGULAR_CLOSE };
  },
};

/** Whether the market trades on any day strictly between the dates `after` and `before`. */
export function tradesBetween(after: string, before: string, calendar: EquityCalendar = NYSE_CALENDAR): boolean {
  for (let date = shiftDate(after, 1); date < before; date = shiftDate(date, 1)) if (calendar.session(date) !== null) return true;
  return false;
}

/**
 * A calendar that knows the sessions of `[from, to]` (dates, inclusive) from a list, as Alpaca's `/v2/calendar`
 * returns it (a day missing from the list is a closed day), and asks `outside` about any other day.
 */
export function listedCalendar(
  days: readonly SessionDay[],
  from: string,
  to: string,
  outside: EquityCalendar = NYSE_CALENDAR,
): EquityCalendar {
  const byDate = new Map(days.map((day) => [day.date, day]));
  return {
    session(date: string): SessionDay | null {
      if (date < from || date > to) return outside.session(date);
      return byDate.get(date) ?? null;
    },
  };
}
