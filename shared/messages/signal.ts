import { z } from 'zod';
import { timeframeMs } from '../domain/bar.js';
import { EXIT_REASONS, LEGACY_EXIT_REASONS, SIGNAL_STATUSES } from '../domain/signal.js';
import type { BarSnapshot, ExitReason, LegacyExitReason, Signal, SignalStatus } from '../domain/signal.js';
import { SignalCandidateSchema } from './candidate.js';
import { FiniteSchema, IsoInstantSchema, ReadingSchema } from './fields.js';
import type { Decoded, Mirrors } from './fields.js';

/** Validity in bars of a signal stored before it was recorded (the defaults of rules version 2). */
const LEGACY_VALIDITY_BARS = { '1Day': 5, '4Hour': 12, '1Hour': 24 } as const;

const TradingCostsSchema = z.object({
  feePctPerSide: z.number().min(0).max(100),
  slippageBps: z.number().min(0).max(10_000),
});

/**
 * A stored signal: the candidate plus its life so far (the domain `Signal`). Signals written by rules version 1
 * still decode (read old, write new): their old exit reasons map onto the new ones, and the fields they lack are
 * derived — bars held from the bar times, TP1 from the stop that moved to breakeven, R net equal to R gross (their
 * costs were never recorded).
 */
export const SignalSchema = SignalCandidateSchema.extend({
  status: z.enum(SIGNAL_STATUSES),
  rulesVersion: z.number().int().min(1).optional(),
  currentStop: FiniteSchema,
  lastBarTimestamp: IsoInstantSchema,
  openFraction: z.number().min(0).max(1),
  barsHeld: z.number().int().min(0).optional(),
  validityBars: z.number().int().min(1).optional(),
  tp1Reached: z.boolean().optional(),
  realizedR: FiniteSchema,
  realizedRNet: FiniteSchema.optional(),
  costs: TradingCostsSchema.optional(),
  exitReason: z.enum([...EXIT_REASONS, ...LEGACY_EXIT_REASONS]).nullable(),
  exitPrice: FiniteSchema.nullable(),
  exitTime: IsoInstantSchema.nullable(),
  updatedAt: IsoInstantSchema,
}).transform((stored): Signal => ({
  ...stored,
  rulesVersion: stored.rulesVersion ?? 1,
  barsHeld:
    stored.barsHeld ??
    Math.max(
      0,
      Math.round((Date.parse(stored.lastBarTimestamp) - Date.parse(stored.barTimestamp)) / timeframeMs(stored.timeframe)),
    ),
  validityBars: stored.validityBars ?? LEGACY_VALIDITY_BARS[stored.timeframe],
  tp1Reached: stored.tp1Reached ?? (stored.currentStop >= stored.entry || TP1_STATUSES.includes(stored.status)),
  realizedRNet: stored.realizedRNet ?? stored.realizedR,
  costs: stored.costs ?? { feePctPerSide: 0, slippageBps: 0 },
  exitReason: stored.exitReason === null ? null : currentExitReason(stored.exitReason, stored),
}));

const TP1_STATUSES: readonly SignalStatus[] = ['TP1_HIT', 'TP2_HIT', 'TP3_HIT'];

/** A rules-version-1 exit reason in today's words; a stop is named by where it stood. */
export function currentExitReason(
  reason: ExitReason | LegacyExitReason,
  signal: { readonly currentStop: number; readonly stop: number; readonly entry: number },
): ExitReason {
  switch (reason) {
    case 'TP_HIT':
      return 'TP3';
    case 'STRUCTURAL_INVALIDATION':
    case 'COLOR_FLIP':
      return 'INVALIDATED';
    case 'STOP_LOSS':
      if (signal.currentStop > signal.entry) return 'TRAIL_STOP';
      return signal.currentStop === signal.entry ? 'BREAKEVEN_STOP' : 'STOP';
    default:
      return reason;
  }
}

/** One closed bar with the indicator readings the lifecycle needs; readings may be NaN (`null` on the wire). */
export const BarSnapshotSchema = z.object({
  timestamp: IsoInstantSchema,
  closesAt: IsoInstantSchema.optional(),
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
