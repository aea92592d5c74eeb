import { z } from 'zod';
import type { Bar } from '../domain/bar.js';
import { FiniteSchema, IsoInstantSchema, PER_SYMBOL_HEADER } from './fields.js';
import type { Decoded, Mirrors } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { TOPICS } from './topics.js';

/**
 * One candle's shape. Order, uniqueness and OHLC consistency are `validateBars`' job
 * (functions/generate-signals/bars.ts), not the schema's.
 */
export const BarSchema = z.object({
  timestamp: IsoInstantSchema,
  open: FiniteSchema,
  high: FiniteSchema,
  low: FiniteSchema,
  close: FiniteSchema,
  volume: FiniteSchema.min(0),
});

const BarArraySchema = z.array(BarSchema);
const BAR_KEYS = Object.keys(BarSchema.shape);
const NUMBER_KEYS = BAR_KEYS.filter((key) => key !== 'timestamp');
// Timestamps BarSchema accepted already: a replay sends each bar in hundreds of windows.
const knownInstants = new Set<string>();
const MAX_KNOWN_INSTANTS = 100_000;

function isKnownInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (knownInstants.has(value)) return true;
  if (!IsoInstantSchema.safeParse(value).success) return false;
  if (knownInstants.size >= MAX_KNOWN_INSTANTS) knownInstants.clear();
  knownInstants.add(value);
  return true;
}

/** True only for what `BarSchema` accepts unchanged: a plain record with exactly its keys, in its order. */
function isPlainBar(value: unknown): value is Bar {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  if (keys.length !== BAR_KEYS.length || keys.some((key, i) => key !== BAR_KEYS[i])) return false;
  const record = value as Record<string, unknown>;
  for (const key of NUMBER_KEYS) {
    const n = record[key];
    if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  }
  return (record.volume as number) >= 0 && isKnownInstant(record.timestamp);
}

/**
 * `z.array(BarSchema)` with a fast path, since a market-bars message holds hundreds of bars: an array of plain
 * bars `BarSchema` would accept unchanged passes as it is; anything else is decided by the schema, which names
 * the bad field.
 */
const BarsSchema = z.unknown().transform((value, ctx): Bar[] => {
  if (Array.isArray(value) && value.every(isPlainBar)) return value;
  const parsed = BarArraySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as z.core.$ZodRawIssue);
  return z.NEVER;
});

/** The bars of one symbol fetched for one scan request: the fan-out unit of the pipeline. */
export const MarketBarsSchema = z.object({
  ...PER_SYMBOL_HEADER,
  bars: BarsSchema,
});

/** A decoded market-bars message. */
export type MarketBars = Decoded<typeof MarketBarsSchema>;

/** Market bars travel on `market-bars`, keyed by symbol. */
export const marketBarsKind: MessageKind<typeof MarketBarsSchema> = {
  type: 'market.bars',
  topic: TOPICS.marketBars,
  schema: MarketBarsSchema,
  orderedBySymbol: true,
  checkOnEncode: false,
};

const _bar: Mirrors<Decoded<typeof BarSchema>, Bar> = true;
