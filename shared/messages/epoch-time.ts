import { z } from 'zod';
import { BoundedMap } from '../cache/bounded-map.js';

/** The first and last epoch milliseconds with a four-digit year, the range of an ISO-8601 timestamp. */
export const EPOCH_MS_RANGE = { min: Date.parse('0000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59.999Z') };

/** An instant as epoch milliseconds on the wire (columnar messages): a whole number within `EPOCH_MS_RANGE`. */
export const EpochMsSchema = z.int().min(EPOCH_MS_RANGE.min).max(EPOCH_MS_RANGE.max);

/** What `EpochMsSchema` accepts. */
export function isEpochMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= EPOCH_MS_RANGE.min && value <= EPOCH_MS_RANGE.max;
}

// The timestamps of instants decoded already: a replay sends each bar in hundreds of windows.
const instantsByEpoch = new BoundedMap<number, string>(100_000);

/** `2024-03-04T00:00:00Z`: the timestamp style of Alpaca's and the bundled bars (milliseconds only when not zero). */
export function isoOfEpoch(ms: number): string {
  let iso = instantsByEpoch.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString().replace('.000Z', 'Z');
    instantsByEpoch.set(ms, iso);
  }
  return iso;
}

// Timestamps written already, with their epoch milliseconds (NaN: they cannot travel as one).
const epochsByInstant = new BoundedMap<string, number>(100_000);

/** The epoch milliseconds of `iso` when `isoOfEpoch` gives it back unchanged (so it can travel as a number). */
export function epochOfIso(iso: string): number | undefined {
  let epoch = epochsByInstant.get(iso);
  if (epoch === undefined) {
    const parsed = Date.parse(iso);
    epoch = Number.isFinite(parsed) && isoOfEpoch(parsed) === iso ? parsed : Number.NaN;
    epochsByInstant.set(iso, epoch);
  }
  return Number.isNaN(epoch) ? undefined : epoch;
}
