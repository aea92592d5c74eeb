import { z } from 'zod';
import { ASSET_CLASSES, TIMEFRAMES } from '../domain/bar.js';

/** The only payload version this code writes and reads; a consumer refuses any other. */
export const SCHEMA_VERSION = 1;

/** `schemaVersion: 1`, present on every payload so a format change is detected, never guessed. */
export const SchemaVersionSchema = z.literal(SCHEMA_VERSION);

/** A bar width in Alpaca's notation (`1Day`, `4Hour`, `1Hour`). */
export const TimeframeSchema = z.enum(TIMEFRAMES);

/** `CRYPTO` or `EQUITY`. */
export const AssetClassSchema = z.enum(ASSET_CLASSES);

/** An ISO-8601 UTC instant ending in `Z` whose date exists (`2024-02-30T…` is refused). */
export const IsoInstantSchema = z.iso.datetime({ error: 'an ISO-8601 UTC time such as "2024-03-04T08:00:00Z"' });

/** A symbol in Alpaca's upper-case notation: `BTC/USD` for a crypto pair, `SPY` or `BRK.B` for a stock. */
export const SymbolSchema = z
  .string()
  .regex(/^[A-Z0-9]+(?:[./-][A-Z0-9]+)*$/, { error: 'an upper-case symbol such as "BTC/USD" or "SPY"' });

/** A non-empty identifier chosen by a producer (request ids, dead-letter ids). */
export const IdSchema = z.string().min(1).max(200);

/** The header of every per-symbol message (market bars, analyses): which scan, which series, decided when. */
export const PER_SYMBOL_HEADER = {
  schemaVersion: SchemaVersionSchema,
  requestId: IdSchema,
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  timeframe: TimeframeSchema,
  /** The moment that decides which bars are closed (the scan time, or a replay's `asOf`). */
  asOf: IsoInstantSchema,
};

/** A price, level or ratio that must be a finite number (zod 4 refuses NaN and ±Infinity). */
export const FiniteSchema = z.number();

/**
 * An indicator reading, NaN while the indicator warms up. JSON has no NaN (`JSON.stringify` writes
 * `null`), so the wire carries `null` and decoding turns it back into NaN: decoded messages hold the
 * same values the engine computed.
 */
export const ReadingSchema = z
  .number()
  .nullable()
  .transform((value) => value ?? Number.NaN);

/** `T` with every nested property and array read-only, so domain values (readonly arrays) fit message types. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** The type of a decoded message: the schema's output, read-only all the way down. */
export type Decoded<S extends z.ZodType> = DeepReadonly<z.output<S>>;

/**
 * `true` when a schema's decoded type and a domain type are assignable both ways, so the schema
 * neither loses nor invents a field. Used as `const _check: Mirrors<Decoded<typeof S>, Domain> = true`.
 */
export type Mirrors<Wire, Domain> = [Wire] extends [Domain] ? ([Domain] extends [Wire] ? true : false) : false;

/**
 * `value` as `schema` reads it, with a fast path for the bulk of a message: a value `isPlain` vouches for (what the
 * schema accepts unchanged) is taken as it is; anything else is decided by the schema, whose issues (naming the bad
 * field) go to `ctx`, and the result is `z.NEVER`.
 */
export function readWithFastPath<S extends z.ZodType>(
  schema: S,
  isPlain: (value: unknown) => value is z.output<S>,
  value: unknown,
  ctx: z.RefinementCtx,
): z.output<S> {
  if (isPlain(value)) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as z.core.$ZodRawIssue);
  return z.NEVER;
}
