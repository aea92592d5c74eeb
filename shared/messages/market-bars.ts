import { z } from 'zod';
import type { Bar } from '../domain/bar.js';
import { FiniteSchema, IsoInstantSchema, PER_SYMBOL_HEADER } from './fields.js';
import type { Decoded, Mirrors } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { MESSAGE_LIMITS } from './limits.js';
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

/** The bars of one symbol fetched for one scan request: the fan-out unit of the pipeline. */
export const MarketBarsSchema = z.object({
  ...PER_SYMBOL_HEADER,
  bars: z.array(BarSchema).max(MESSAGE_LIMITS.barsPerMessage),
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
