import { timeframeMs } from '../bar.js';
import type { AssetClass, Bar, Timeframe } from '../bar.js';
import { NYSE_CALENDAR } from './equity-calendar.js';
import type { EquityCalendar } from './equity-calendar.js';
import { shiftDate } from '../calendar-date.js';
import { REGULAR_CLOSE, REGULAR_OPEN } from './nyse-rules.js';
import { newYorkInstant, newYorkWallClock } from './new-york-time.js';
import { BoundedMap } from '../../cache/bounded-map.js';

/**
 * The session date of an equity bar, as its source writes it: Alpaca stamps daily equity bars at 00:00
 * America/New_York (`…T04:00:00Z` or `…T05:00:00Z`), so the date is the New York date; the bundled CSVs write
 * the session date at 00:00 UTC, which is never midnight in New York, so the date is the UTC date.
 */
export function sessionDateOf(timestamp: string): string {
  let date = sessionDates.get(timestamp);
  if (date === undefined) {
    const time = Date.parse(timestamp);
    const wall = newYorkWallClock(time);
    date = wall.secondOfDay === 0 ? wall.date : new Date(time).toISOString().slice(0, 10);
    sessionDates.set(timestamp, date);
  }
  return date;
}

/** Memo of `sessionDateOf` (a time-zone conversion): every analysis asks again for the dates of its recent bars. */
const sessionDates = new BoundedMap<string, string>(100_000);

/** The New York close of the session on `date`: 16:00, 13:00 on an early-close day; null on a closed day. */
export function sessionCloseOf(date: string, calendar: EquityCalendar = NYSE_CALENDAR): number | null {
  const session = calendar.session(date);
  return session === null ? null : newYorkInstant(date, session.close);
}

/**
 * When a bar is closed (epoch ms). Crypto trades around the clock: a bar closes at its open plus its length,
 * whatever the alignment of its open (Alpaca's daily crypto bars began at 00:00 America/Chicago and, since
 * about July 2025, at 00:00 UTC; either way they cover 24 hours from their timestamp). A US equity daily bar
 * closes at its session's close (16:00 New York, 13:00 on early-close days); an equity intraday bar at its open
 * plus its length, even past the session's close: Alpaca's intraday stock bars take in pre-market and after-hours
 * trades (its 4-hour bars start at 00:00, 04:00 … UTC), so a bar running past 16:00 is still forming. A daily bar
 * dated on a day the calendar says was closed (a data error) is taken to close at 16:00 New York that day.
 */
export function barClosesAt(
  timestamp: string,
  timeframe: Timeframe,
  assetClass: AssetClass,
  calendar: EquityCalendar = NYSE_CALENDAR,
): number {
  const open = Date.parse(timestamp);
  if (assetClass === 'CRYPTO' || timeframe !== '1Day') return open + timeframeMs(timeframe);
  const date = sessionDateOf(timestamp);
  return sessionCloseOf(date, calendar) ?? newYorkInstant(date, REGULAR_CLOSE);
}

/** `barClosesAt` as an ISO-8601 UTC string without milliseconds, the style of the bar timestamps. */
export function barCloseTime(
  bar: Pick<Bar, 'timestamp'>,
  timeframe: Timeframe,
  assetClass: AssetClass,
  calendar?: EquityCalendar,
): string {
  // Only the built-in NYSE rules are remembered: a calendar read from Alpaca may say otherwise.
  if (calendar !== undefined && calendar !== NYSE_CALENDAR) return closeTimeOf(bar.timestamp, timeframe, assetClass, calendar);
  const byTimestamp = closeTimesOf(timeframe, assetClass);
  let close = byTimestamp.get(bar.timestamp);
  if (close === undefined) {
    close = closeTimeOf(bar.timestamp, timeframe, assetClass, calendar);
    byTimestamp.set(bar.timestamp, close);
  }
  return close;
}

function closeTimeOf(timestamp: string, timeframe: Timeframe, assetClass: AssetClass, calendar?: EquityCalendar): string {
  return new Date(barClosesAt(timestamp, timeframe, assetClass, calendar)).toISOString().replace('.000Z', 'Z');
}

/**
 * Memo of `barCloseTime` under the NYSE rules, by timeframe and asset class, then bar timestamp: every analysis
 * writes the close times of its recent bars again.
 */
const closeTimes = new Map<Timeframe, Map<AssetClass, BoundedMap<string, string>>>();

function closeTimesOf(timeframe: Timeframe, assetClass: AssetClass): BoundedMap<string, string> {
  let byClass = closeTimes.get(timeframe);
  if (byClass === undefined) closeTimes.set(timeframe, (byClass = new Map()));
  let byTimestamp = byClass.get(assetClass);
  if (byTimestamp === undefined) byClass.set(assetClass, (byTimestamp = new BoundedMap(100_000)));
  return byTimestamp;
}

/**
 * The first instant at or after `epochMs` when the US equity market is open (its regular session): `epochMs` itself
 * during a session, else the next session's open (09:30 New York).
 */
export function marketOpenFrom(epochMs: number, calendar: EquityCalendar = NYSE_CALENDAR): number {
  let date = newYorkWallClock(epochMs).date;
  // The NYSE never closes two weeks in a row; a calendar that says so is not believed (open now).
  for (let day = 0; day < 14; day++, date = shiftDate(date, 1)) {
    const close = sessionCloseOf(date, calendar);
    if (close !== null && epochMs < close) return Math.max(epochMs, newYorkInstant(date, REGULAR_OPEN));
  }
  return epochMs;
}

/**
 * The bars closed by `now` (DESIGN §6.1): only closed bars are ever analysed, the forming one is dropped.
 * Bars are ascending, and so are their closes, so the closed ones are a prefix.
 */
export function closedBars<B extends Pick<Bar, 'timestamp'>>(
  bars: readonly B[],
  timeframe: Timeframe,
  assetClass: AssetClass,
  now: Date,
  calendar?: EquityCalendar,
): B[] {
  const cutoff = now.getTime();
  let end = bars.length;
  while (end > 0 && barClosesAt(bars[end - 1].timestamp, timeframe, assetClass, calendar) > cutoff) end--;
  return bars.slice(0, end);
}
