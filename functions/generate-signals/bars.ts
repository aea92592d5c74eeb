import { InvalidBarError } from '../../shared/errors/errors.js';
import type { Bar } from '../../shared/domain/bar.js';
import { BoundedMap } from '../../shared/cache/bounded-map.js';
import { SlidWindows } from '../../shared/cache/slid-windows.js';

const NUMBER_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Checks the invariants every engine function relies on and throws an `InvalidBarError` naming the
 * first bad bar and field: ISO-8601 UTC timestamps in strictly ascending order, finite numbers,
 * low ≤ min(open, close) ≤ max(open, close) ≤ high, and volume ≥ 0.
 */
export function validateBars(bars: readonly Bar[], source?: string): void {
  let previousTime = -Infinity;
  // A window of frozen bars validated before, slid by one: only its new last bar needs checking against them.
  const slid = validatedWindows.slidFrom(bars);
  const from = slid === undefined ? 0 : bars.length - 1;
  if (from > 0) previousTime = validTimes.get(bars[from - 1].timestamp) ?? Date.parse(bars[from - 1].timestamp);
  for (let i = from; i < bars.length; i++) {
    const bar = bars[i];
    const time = validTimes.get(bar.timestamp) ?? timeOf(bar.timestamp);
    const problem =
      typeof time === 'string'
        ? (['timestamp', time] as [string, string])
        : barProblem(bar, time, previousTime, i > 0 ? bars[i - 1].timestamp : '');
    if (problem) throw new InvalidBarError(i, problem[0], problem[1], source);
    previousTime = time as number;
  }
  validatedWindows.remember(bars, true, slid !== undefined);
}

// Windows of frozen bars found valid: a replay's next window is the last one slid by one bar.
const validatedWindows = new SlidWindows<Bar, true>();

// Timestamps found valid already, with their time: every analysis of a replay checks the same bars again.
const validTimes = new BoundedMap<string, number>(100_000);

/** The first broken invariant of one bar with a valid timestamp at `time` as [field, reason], or null. */
function barProblem(bar: Bar, time: number, previousTime: number, previousTimestamp: string): [string, string] | null {
  if (time <= previousTime) {
    return ['timestamp', `"${bar.timestamp}" is not after the previous bar's "${previousTimestamp}"`];
  }
  for (const field of NUMBER_FIELDS) {
    const value = bar[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) return [field, `is not a finite number: ${String(value)}`];
  }
  if (bar.volume < 0) return ['volume', `is negative: ${bar.volume}`];
  const bodyLow = Math.min(bar.open, bar.close);
  const bodyHigh = Math.max(bar.open, bar.close);
  if (bar.low > bodyLow) return ['low', `${bar.low} is above min(open, close) = ${bodyLow}`];
  if (bar.high < bodyHigh) return ['high', `${bar.high} is below max(open, close) = ${bodyHigh}`];
  return null;
}

/** The time of a timestamp, remembered when valid, or why it is not valid. */
function timeOf(timestamp: unknown): number | string {
  if (typeof timestamp !== 'string' || !ISO_UTC.test(timestamp)) {
    return `is not an ISO-8601 UTC time: ${JSON.stringify(timestamp)}`;
  }
  const time = Date.parse(timestamp);
  if (!Number.isFinite(time)) return `is not a valid date: "${timestamp}"`;
  validTimes.set(timestamp, time);
  return time;
}
