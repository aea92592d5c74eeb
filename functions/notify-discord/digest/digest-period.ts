import { eventIdFor } from '../../../shared/domain/ids.js';

const DAY = 86_400_000;

/** A period a digest covers: `[start, end)` in UTC days (`YYYY-MM-DD`), and the digest's deterministic id. */
export interface DigestPeriod {
  readonly start: string;
  readonly end: string;
  readonly eventId: string;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfUtcDay = (iso: string) => Math.floor(Date.parse(iso) / DAY) * DAY;

/** The last complete UTC day before `asOf`: a digest scheduled just after midnight covers the day that ended. */
export function dailyPeriod(asOf: string): DigestPeriod {
  const today = startOfUtcDay(asOf);
  const start = utcDay(today - DAY);
  return { start, end: utcDay(today), eventId: eventIdFor('daily-digest', start) };
}

/** The last complete week (Monday to Sunday, UTC) before `asOf`; its id is that of its Monday. */
export function weeklyPeriod(asOf: string): DigestPeriod {
  const today = startOfUtcDay(asOf);
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  const thisMonday = today - sinceMonday * DAY;
  const start = utcDay(thisMonday - 7 * DAY);
  return { start, end: utcDay(thisMonday), eventId: eventIdFor('weekly-digest', start) };
}
