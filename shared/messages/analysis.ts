import { z } from 'zod';
import { RejectedCandidateSchema, SignalCandidateSchema } from './candidate.js';
import { PER_SYMBOL_HEADER } from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { BarSchema } from './market-bars.js';
import { BarSnapshotSchema } from './signal.js';
import { TOPICS } from './topics.js';

/** Most bars a message carries for a chart (the new-signal chart of notifyDiscord). */
export const MAX_RECENT_BARS = 120;

/** One candle for a chart: open time and prices, no volume. */
export const RecentBarSchema = BarSchema.omit({ volume: true });

/** A decoded chart candle. */
export type RecentBar = Decoded<typeof RecentBarSchema>;

/**
 * What generateSignals decided for one symbol: candidates, rejected (shadow) candidates and the
 * snapshot of the last closed bar. Warm-up readings (NaN) travel as `null` and decode back to NaN.
 */
export const AnalysisSchema = z.object({
  ...PER_SYMBOL_HEADER,
  snapshot: BarSnapshotSchema,
  candidates: z.array(SignalCandidateSchema),
  rejected: z.array(RejectedCandidateSchema),
  /** The last closed bars, oldest first; sent only when there are candidates (the new-signal chart). */
  recentBars: z.array(RecentBarSchema).max(MAX_RECENT_BARS).optional(),
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
