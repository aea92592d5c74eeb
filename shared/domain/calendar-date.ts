const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date `days` after (or before, when negative) `date`, both `YYYY-MM-DD`. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether `text` is a `YYYY-MM-DD` that exists. `Date.parse` rolls an impossible day over (2024-02-31 → March 2),
 * so the day must read back as written.
 */
export function isCalendarDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}
