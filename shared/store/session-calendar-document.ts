import { z } from 'zod';

/** One remembered trading day: a date and its New York close. */
const SessionDaySchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), close: z.string().regex(/^\d{2}:\d{2}$/) });

/** The remembered days of Alpaca's calendar, stored as one checked JSON document. */
export const SessionDaysSchema = z.array(SessionDaySchema);

/** The one calendar the system remembers: the US equity market's. */
export const SESSION_CALENDAR_KEY = 'US_EQUITY';
