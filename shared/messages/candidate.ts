import { z } from 'zod';
import { HARMONIC_NAMES, PATTERN_NAMES } from '../domain/patterns.js';
import type { HarmonicMatch, Pivot } from '../domain/patterns.js';
import type { RejectedCandidate, SignalCandidate } from '../domain/signal.js';
import { AssetClassSchema, FiniteSchema, IsoInstantSchema, ReadingSchema, SymbolSchema, TimeframeSchema } from './fields.js';
import type { Decoded, Mirrors } from './fields.js';

/** A ZigZag turning point as sent inside a candidate. */
export const PivotSchema = z.object({
  index: z.number().int().min(0),
  timestamp: IsoInstantSchema,
  price: FiniteSchema,
  type: z.enum(['PEAK', 'VALLEY']),
});

/** A harmonic or wave match; its ratios are readings (a degenerate leg gives NaN). */
export const HarmonicMatchSchema = z.object({
  type: z.enum(HARMONIC_NAMES),
  ratios: z.record(z.string(), ReadingSchema),
  isMacro: z.boolean(),
  pivots: z.array(PivotSchema),
});

const ConfluenceSnapshotSchema = z.object({
  rsi: ReadingSchema,
  adx: ReadingSchema,
  volumeRatio: ReadingSchema,
  trendBullish: z.boolean(),
  riskReward: FiniteSchema,
  patternsPresent: z.array(z.enum(PATTERN_NAMES)),
});

const ProvenanceSchema = z.object({
  engineVersion: z.string().min(1),
  paramsHash: z.string().min(1),
  firstBar: IsoInstantSchema,
  lastBar: IsoInstantSchema,
  bars: z.number().int().min(0),
  indicators: z.record(z.string(), ReadingSchema),
});

/** The fields a candidate shares with its rejected twin. */
const candidateShape = {
  signalId: z.uuid(),
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  timeframe: TimeframeSchema,
  pattern: z.enum(PATTERN_NAMES),
  barTimestamp: IsoInstantSchema,
  barCloseTime: IsoInstantSchema,
  createdAt: IsoInstantSchema,
  validUntil: IsoInstantSchema,
  entry: FiniteSchema,
  stop: FiniteSchema,
  invalidation: FiniteSchema.nullable(),
  tp1: FiniteSchema,
  tp2: FiniteSchema,
  tp3: FiniteSchema,
  riskReward: FiniteSchema,
  convictionTier: z.enum(['HIGH', 'STANDARD']),
  classification: z.enum(['STANDARD_PATTERN', 'MACRO_PATTERN']),
  patternSpanBars: z.number().int().nullable(),
  structuralAnchors: z.array(PivotSchema),
  harmonic: HarmonicMatchSchema.nullable(),
  confluenceFactors: z.array(z.string()),
  confluence: ConfluenceSnapshotSchema,
  provenance: ProvenanceSchema,
};

/** A setup found on the last closed bar (the domain `SignalCandidate`). */
export const SignalCandidateSchema = z.object(candidateShape);

/** A setup that failed a gate, with the reasons (the domain `RejectedCandidate`). */
export const RejectedCandidateSchema = z.object({ ...candidateShape, reasons: z.array(z.string().min(1)) });

const _pivot: Mirrors<Decoded<typeof PivotSchema>, Pivot> = true;
const _harmonic: Mirrors<Decoded<typeof HarmonicMatchSchema>, HarmonicMatch> = true;
const _candidate: Mirrors<Decoded<typeof SignalCandidateSchema>, SignalCandidate> = true;
const _rejected: Mirrors<Decoded<typeof RejectedCandidateSchema>, RejectedCandidate> = true;
