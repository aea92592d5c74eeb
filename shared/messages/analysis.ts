import { z } from 'zod';
import { RejectedCandidateSchema, SignalCandidateSchema } from './candidate.js';
import {
  AssetClassSchema,
  IdSchema,
  IsoInstantSchema,
  SchemaVersionSchema,
  SymbolSchema,
  TimeframeSchema,
} from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { BarSnapshotSchema } from './signal.js';
import { TOPICS } from './topics.js';

/**
 * What generateSignals decided for one symbol: candidates, rejected (shadow) candidates and the
 * snapshot of the last closed bar. Warm-up readings (NaN) travel as `null` and decode back to NaN.
 */
export const AnalysisSchema = z.object({
  schemaVersion: SchemaVersionSchema,
  requestId: IdSchema,
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  timeframe: TimeframeSchema,
  asOf: IsoInstantSchema,
  snapshot: BarSnapshotSchema,
  candidates: z.array(SignalCandidateSchema),
  rejected: z.array(RejectedCandidateSchema),
});

/** A decoded analysis. */
export type Analysis = Decoded<typeof AnalysisSchema>;

/** Analyses travel on `analyses`, keyed by symbol. */
export const analysisKind: MessageKind<typeof AnalysisSchema> = {
  type: 'analysis',
  topic: TOPICS.analyses,
  schema: AnalysisSchema,
  orderedBySymbol: true,
  checkOnEncode: false,
};
