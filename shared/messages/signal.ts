import { z } from 'zod';
import { EXIT_REASONS, SIGNAL_STATUSES } from '../domain/signal.js';
import type { BarSnapshot, Signal } from '../domain/signal.js';
import { SignalCandidateSchema } from './candidate.js';
import { FiniteSchema, IsoInstantSchema, ReadingSchema } from './fields.js';
import type { Decoded, Mirrors } from './fields.js';

/** A stored signal: the candidate plus its life so far (the domain `Signal`). */
export const SignalSchema = SignalCandidateSchema.extend({
  status: z.enum(SIGNAL_STATUSES),
  currentStop: FiniteSchema,
  lastBarTimestamp: IsoInstantSchema,
  openFraction: z.number().min(0).max(1),
  realizedR: FiniteSchema,
  exitReason: z.enum(EXIT_REASONS).nullable(),
  exitPrice: FiniteSchema.nullable(),
  exitTime: IsoInstantSchema.nullable(),
  updatedAt: IsoInstantSchema,
});

/** The newest closed bar with the indicator readings the lifecycle needs; readings may be NaN (`null` on the wire). */
export const BarSnapshotSchema = z.object({
  timestamp: IsoInstantSchema,
  open: FiniteSchema,
  high: FiniteSchema,
  low: FiniteSchema,
  close: FiniteSchema,
  atr: ReadingSchema,
  chandelierLong: ReadingSchema,
  rsi: ReadingSchema,
  adx: ReadingSchema,
  adxPrevious: ReadingSchema,
  bearishEngulfing: z.boolean(),
});

const _signal: Mirrors<Decoded<typeof SignalSchema>, Signal> = true;
const _snapshot: Mirrors<Decoded<typeof BarSnapshotSchema>, BarSnapshot> = true;
