import { BoundedMap } from '../../cache/bounded-map.js';

/** The US equity exchanges' time zone: sessions, closes and Alpaca's daily equity timestamps are in it. */
export const NEW_YORK = 'America/New_York';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: NEW_YORK,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The New York wall clock at an instant: `YYYY-MM-DD` and seconds since local midnight. */
export function newYorkWallClock(epochMs: number): { readonly date: string; readonly secondOfDay: number } {
  const offset =
    steadyOffset(dayOffsets, DAY_MS, Math.floor(epochMs / DAY_MS)) ??
    steadyOffset(hourOffsets, HOUR_MS, Math.floor(epochMs / HOUR_MS));
  if (offset === null) return formattedWallClock(epochMs);
  const local = Math.floor(epochMs / 1000) * 1000 + offset;
  return { date: new Date(local).toISOString().slice(0, 10), secondOfDay: (((local % DAY_MS) + DAY_MS) % DAY_MS) / 1000 };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Instants whose ISO date `Date#toISOString` writes with four digits, as the formatter does.
const FOUR_DIGIT_YEARS = { first: Date.UTC(1000, 0, 2), last: Date.UTC(9999, 11, 30) };

/**
 * New York's offset from UTC (ms) throughout the `span`-long UTC interval number `index` (a day, or an hour), or null
 * when it changes within it; remembered in `memo`. The zone changes at most once a day and on a whole UTC hour, so
 * the day's reading serves all but the two days a year it changes, and then each hour's does.
 */
function steadyOffset(memo: BoundedMap<number, number | null>, span: number, index: number): number | null {
  let offset = memo.get(index);
  if (offset === undefined) {
    const start = index * span;
    const first = offsetAt(start);
    const inRange = start >= FOUR_DIGIT_YEARS.first && start + span - 1 <= FOUR_DIGIT_YEARS.last;
    offset = inRange && offsetAt(start + span - 1000) === first ? first : null;
    memo.set(index, offset);
  }
  return offset;
}

/** Memos of `steadyOffset` by UTC day and by UTC hour: bar times fall on a few thousand distinct days. */
const dayOffsets = new BoundedMap<number, number | null>(100_000);
const hourOffsets = new BoundedMap<number, number | null>(100_000);

function offsetAt(utc: number): number {
  const wall = formattedWallClock(utc);
  return Date.parse(`${wall.date}T00:00:00Z`) + wall.secondOfDay * 1000 - Math.floor(utc / 1000) * 1000;
}

/** The New York wall clock at an instant as `Intl` formats it, each instant on its own (no memo). */
export function formattedWallClock(epochMs: number): { readonly date: string; readonly secondOfDay: number } {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    secondOfDay: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
  };
}

/** The instant (epoch ms) of a New York wall-clock time `HH:MM` on `date` (`YYYY-MM-DD`), daylight saving included. */
export function newYorkInstant(date: string, time: string): number {
  const key = `${date}T${time}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = computeInstant(date, time);
    instants.set(key, instant);
  }
  return instant;
}

/** Memo of `newYorkInstant`: a replay asks for the same few thousand session closes again and again. */
const instants = new Map<string, number>();

function computeInstant(date: string, time: string): number {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const offset = (utc: number): number => {
    const wall = newYorkWallClock(utc);
    return Date.parse(`${wall.date}T00:00:00Z`) + wall.secondOfDay * 1000 - utc;
  };
  const first = asUtc - offset(asUtc);
  // Near a daylight-saving change the offset at the first guess can differ from the offset at the answer.
  return asUtc - offset(first);
}
