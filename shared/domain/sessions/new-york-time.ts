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
