import { z } from 'zod';
import type { BarSnapshot } from '../domain/signal.js';
import { EpochMsSchema, epochOfIso, isEpochMs, isoOfEpoch } from './epoch-time.js';
import { float64Columns } from './bar-columns-binary.js';
import { FiniteSchema, readWithFastPath } from './fields.js';
import type { DeepReadonly } from './fields.js';

/** A lifecycle bar as an analysis carries it: the snapshot and its close time. */
export type LifecycleSnapshot = BarSnapshot & { readonly closesAt: string };

const PRICE_KEYS = ['open', 'high', 'low', 'close'] as const;
const READING_KEYS = ['atr', 'chandelierLong', 'rsi', 'adx', 'adxPrevious'] as const;
const COLUMN_KEYS = ['timestampMs', 'closesAtMs', ...PRICE_KEYS, ...READING_KEYS, 'bearishEngulfing'] as const;

/**
 * The columns of `count` (1 to `most`) snapshots as the wire carries them: one array per field, the open and close
 * times in epoch milliseconds, a warming-up reading as `null`.
 */
function columnsSchema(most: number) {
  const column = <T extends z.ZodType>(value: T) => z.array(value).min(1).max(most);
  return z.object({
    timestampMs: column(EpochMsSchema),
    closesAtMs: column(EpochMsSchema),
    open: column(FiniteSchema),
    high: column(FiniteSchema),
    low: column(FiniteSchema),
    close: column(FiniteSchema),
    atr: column(FiniteSchema.nullable()),
    chandelierLong: column(FiniteSchema.nullable()),
    rsi: column(FiniteSchema.nullable()),
    adx: column(FiniteSchema.nullable()),
    adxPrevious: column(FiniteSchema.nullable()),
    bearishEngulfing: column(z.boolean()),
  });
}

type SnapshotColumns = z.output<ReturnType<typeof columnsSchema>>;

const isFiniteNumber = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n);
const isReading = (n: unknown): boolean => n === null || isFiniteNumber(n);
const isBoolean = (b: unknown): boolean => typeof b === 'boolean';

/** Each column's element check, as the columns schema has it. */
const ELEMENT_CHECKS: readonly (readonly [(typeof COLUMN_KEYS)[number], (value: unknown) => boolean])[] = [
  ['timestampMs', isEpochMs],
  ['closesAtMs', isEpochMs],
  ...PRICE_KEYS.map((key) => [key, isFiniteNumber] as const),
  ...READING_KEYS.map((key) => [key, isReading] as const),
  ['bearishEngulfing', isBoolean],
];

/** True only for what the columns schema accepts unchanged: a plain record of exactly its arrays, `most` at most. */
function isPlainColumns(value: unknown, most: number): value is SnapshotColumns {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length !== COLUMN_KEYS.length) return false;
  for (const [key, check] of ELEMENT_CHECKS) {
    const values = record[key];
    if (!Array.isArray(values) || values.length < 1 || values.length > most) return false;
    for (let i = 0; i < values.length; i++) if (!check(values[i])) return false;
  }
  return true;
}

/**
 * The snapshots' columns decoded to snapshots (readings back to NaN, times to ISO-8601), at most `most` of them in
 * strictly ascending open time; a bad column, or columns of different lengths, names the field.
 */
export function snapshotColumnsSchema(most: number) {
  const schema = columnsSchema(most);
  return z.unknown().transform((value, ctx): LifecycleSnapshot[] => {
    const isPlain = (candidate: unknown): candidate is SnapshotColumns => isPlainColumns(candidate, most);
    const columns = readWithFastPath(schema, isPlain, value, ctx);
    if (columns === z.NEVER) return z.NEVER;
    const n = columns.timestampMs.length;
    const fail = (path: (string | number)[], message: string) => {
      ctx.issues.push({ code: 'custom', path, message, input: value });
      return z.NEVER;
    };
    const uneven = COLUMN_KEYS.find((key) => columns[key].length !== n);
    if (uneven !== undefined)
      return fail([uneven], `has ${columns[uneven].length} values where timestampMs has ${n}: one value per snapshot`);
    const snapshots: LifecycleSnapshot[] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0 && columns.timestampMs[i] <= columns.timestampMs[i - 1])
        return fail(['timestampMs', i], 'must be in strictly ascending timestamp order');
      // A warming-up reading travels as null, bearish engulfing as a boolean.
      snapshots.push(snapshotOfRow((column) => Number(columns[COLUMN_KEYS[column]][i] ?? Number.NaN)));
    }
    return snapshots;
  });
}

/**
 * A snapshot's values in `COLUMN_KEYS` order (open and close times in epoch milliseconds), the one layout of both
 * column versions; undefined when it cannot travel as columns unchanged: a time epoch milliseconds would not give back
 * as written, or a price that is not finite (then the record form carries it, to be refused by the consumer naming the
 * field).
 */
function rowOf(snapshot: DeepReadonly<LifecycleSnapshot>): readonly (number | boolean)[] | undefined {
  const opens = epochOfIso(snapshot.timestamp);
  const closes = epochOfIso(snapshot.closesAt);
  if (opens === undefined || closes === undefined) return undefined;
  const finite =
    Number.isFinite(snapshot.open) &&
    Number.isFinite(snapshot.high) &&
    Number.isFinite(snapshot.low) &&
    Number.isFinite(snapshot.close);
  if (!finite) return undefined;
  const { open, high, low, close, atr, chandelierLong, rsi, adx, adxPrevious, bearishEngulfing } = snapshot;
  return [opens, closes, open, high, low, close, atr, chandelierLong, rsi, adx, adxPrevious, bearishEngulfing];
}

/**
 * The snapshot whose value in column `k` of `COLUMN_KEYS` is `value(k)`: times in epoch milliseconds, readings NaN
 * while warming up, bearish engulfing 1 or 0.
 */
function snapshotOfRow(value: (column: number) => number): LifecycleSnapshot {
  return {
    timestamp: isoOfEpoch(value(0)),
    closesAt: isoOfEpoch(value(1)),
    open: value(2),
    high: value(3),
    low: value(4),
    close: value(5),
    atr: value(6),
    chandelierLong: value(7),
    rsi: value(8),
    adx: value(9),
    adxPrevious: value(10),
    bearishEngulfing: value(11) === 1,
  };
}

/**
 * The snapshots as version 3's columns JSON (`JSON.stringify` writes a warming-up NaN as `null`), or undefined when
 * one cannot travel as columns unchanged (`rowOf`).
 */
export function snapshotColumnsJson(snapshots: DeepReadonly<LifecycleSnapshot[]>): string | undefined {
  const columns: (number | boolean)[][] = COLUMN_KEYS.map(() => []);
  for (const snapshot of snapshots) {
    const row = rowOf(snapshot);
    if (row === undefined) return undefined;
    for (let k = 0; k < COLUMN_KEYS.length; k++) columns[k].push(row[k]);
  }
  return JSON.stringify(Object.fromEntries(COLUMN_KEYS.map((key, k) => [key, columns[k]])));
}

/** What each binary column may hold, and how a value that may not is described. */
function binaryProblem(column: number, value: number): string | undefined {
  if (column < 2) return isEpochMs(value) ? undefined : 'is not a whole number of epoch milliseconds';
  if (column < 2 + PRICE_KEYS.length) return Number.isFinite(value) ? undefined : 'is not a finite number';
  if (column < COLUMN_KEYS.length - 1)
    return Number.isFinite(value) || Number.isNaN(value) ? undefined : 'is not a finite number or NaN (warming up)';
  return value === 0 || value === 1 ? undefined : 'is not 0 or 1';
}

/**
 * The snapshots of version 4: `count` (1 to `most`) snapshots as one base64 string of little-endian float64 columns
 * (`COLUMN_KEYS`: open and close times in epoch milliseconds, prices, readings with NaN while warming up, bearish
 * engulfing as 1 or 0), decoded to snapshots in strictly ascending open time; a bad value names the snapshot and column.
 */
export function snapshotBinarySchema(most: number) {
  return z.object({ count: z.int().min(1).max(most), f64le: z.string() }).transform((value, ctx): LifecycleSnapshot[] => {
    const fail = (message: string) => {
      ctx.issues.push({ code: 'custom', path: ['f64le'], message, input: value });
      return z.NEVER;
    };
    const n = value.count;
    const view = float64Columns(value.f64le, n, COLUMN_KEYS.length, 'snapshots');
    if (typeof view === 'string') return fail(view);
    const at = (column: number, i: number) => view.getFloat64(8 * (column * n + i), true);
    for (let column = 0; column < COLUMN_KEYS.length; column++) {
      for (let i = 0; i < n; i++) {
        const problem = binaryProblem(column, at(column, i));
        if (problem !== undefined) return fail(`snapshot ${i}: ${COLUMN_KEYS[column]} ${String(at(column, i))} ${problem}`);
      }
    }
    const snapshots: LifecycleSnapshot[] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0 && at(0, i) <= at(0, i - 1)) return fail(`snapshot ${i}: timestampMs must be in strictly ascending order`);
      snapshots.push(snapshotOfRow((column) => at(column, i)));
    }
    return snapshots;
  });
}

/**
 * The snapshots as version 4's binary JSON (`{"count":n,"f64le":"…"}`), or undefined when one cannot travel as
 * columns unchanged (`rowOf`).
 */
export function snapshotBinaryJson(snapshots: DeepReadonly<LifecycleSnapshot[]>): string | undefined {
  const n = snapshots.length;
  const bytes = Buffer.allocUnsafe(8 * COLUMN_KEYS.length * n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) {
    const row = rowOf(snapshots[i]);
    if (row === undefined) return undefined;
    for (let k = 0; k < COLUMN_KEYS.length; k++) view.setFloat64(8 * (k * n + i), Number(row[k]), true);
  }
  return `{"count":${n},"f64le":"${bytes.toString('base64')}"}`;
}
