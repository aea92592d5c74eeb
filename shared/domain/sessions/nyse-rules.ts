import { shiftDate } from '../calendar-date.js';

/**
 * The NYSE's published calendar rules (NYSE Rule 7.2 and its annual holiday notices): the full-day holidays
 * with their weekend observance, the 13:00 early closes, and the closures the exchange announced outside its
 * rules. They reproduce every NYSE session from 2013 (the bundled history) and are the published rules for
 * the years ahead; a closure announced later (a national day of mourning) is Alpaca's calendar to tell.
 */

/** Full-day closures outside the rules: national days of mourning, September 2001, hurricane Sandy. */
export const SPECIAL_CLOSURES: Readonly<Record<string, string>> = {
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National Day of Mourning (Ronald Reagan)',
  '2007-01-02': 'National Day of Mourning (Gerald Ford)',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning (George H. W. Bush)',
  '2025-01-09': 'National Day of Mourning (Jimmy Carter)',
};

/** The regular close and the early close, New York time. */
export const REGULAR_OPEN = '09:30';
export const REGULAR_CLOSE = '16:00';
export const EARLY_CLOSE = '13:00';

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The `nth` (1-based) `day` of the week in a month, or the last one with `nth` = -1. */
function nthWeekday(year: number, month: number, day: number, nth: number): string {
  if (nth > 0) {
    const first = weekday(iso(year, month, 1));
    return iso(year, month, 1 + ((day - first + 7) % 7) + 7 * (nth - 1));
  }
  const lastDate = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday(iso(year, month, lastDate));
  return iso(year, month, lastDate - ((last - day + 7) % 7));
}

/** A fixed-date holiday on a Saturday is observed on the Friday before, on a Sunday on the Monday after. */
function observed(date: string): string {
  const day = weekday(date);
  return day === 6 ? shiftDate(date, -1) : day === 0 ? shiftDate(date, 1) : date;
}

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The rule-based full-day holidays of one year, date → name. */
export function nyseHolidays(year: number): Map<string, string> {
  const holidays = new Map<string, string>();
  // New Year's Day on a Saturday is not observed on the Friday before (that Friday closes another year's books).
  const newYear = iso(year, 1, 1);
  if (weekday(newYear) !== 6) holidays.set(observed(newYear), "New Year's Day");
  if (year >= 1998) holidays.set(nthWeekday(year, 1, 1, 3), 'Martin Luther King, Jr. Day');
  holidays.set(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  holidays.set(shiftDate(easter(year), -2), 'Good Friday');
  holidays.set(nthWeekday(year, 5, 1, -1), 'Memorial Day');
  if (year >= 2022) holidays.set(observed(iso(year, 6, 19)), 'Juneteenth National Independence Day');
  holidays.set(observed(iso(year, 7, 4)), 'Independence Day');
  holidays.set(nthWeekday(year, 9, 1, 1), 'Labor Day');
  holidays.set(nthWeekday(year, 11, 4, 4), 'Thanksgiving Day');
  holidays.set(observed(iso(year, 12, 25)), 'Christmas Day');
  return holidays;
}

/**
 * The rule-based 13:00 closes of one year, date → occasion: July 3 when Independence Day falls on Tuesday to
 * Friday, the Friday after Thanksgiving, and Christmas Eve on a weekday that is not itself the observed holiday.
 */
export function nyseEarlyCloses(year: number): Map<string, string> {
  const early = new Map<string, string>();
  const julyThird = iso(year, 7, 3);
  if (weekday(julyThird) >= 1 && weekday(julyThird) <= 4) early.set(julyThird, 'Independence Day eve');
  early.set(shiftDate(nthWeekday(year, 11, 4, 4), 1), 'Day after Thanksgiving');
  const christmasEve = iso(year, 12, 24);
  if (weekday(christmasEve) >= 1 && weekday(christmasEve) <= 4) early.set(christmasEve, 'Christmas Eve');
  return early;
}
