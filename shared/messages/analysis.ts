import { z } from 'zod';
import type { BarSnapshot } from '../domain/signal.js';
import { RejectedCandidateSchema, SignalCandidateSchema } from './candidate.js';
import { PER_SYMBOL_HEADER } from './fields.js';
import type { Decoded, DeepReadonly } from './fields.js';
import { jsonOf } from './json-text.js';
import { snapshotBinaryJson, snapshotBinarySchema, snapshotColumnsJson, snapshotColumnsSchema } from './snapshot-columns.js';
import type { MessageKind } from './message-kind.js';
import { BarSchema } from './market-bars.js';
import { BarSnapshotSchema } from './signal.js';
import { TOPICS } from './topics.js';

/** Most bars a message carries for a chart (the new-signal chart of notifyDiscord). */
export const MAX_RECENT_BARS = 120;

/** Most lifecycle bars an `Analysis` (v2 and v3) carries: how far back persistState can catch up an open signal. */
export const MAX_LIFECYCLE_BARS = 120;

/** One candle for a chart: open time and prices, no volume. */
export const RecentBarSchema = BarSchema.omit({ volume: true });

/** A decoded chart candle. */
export type RecentBar = Decoded<typeof RecentBarSchema>;

const decision = {
  candidates: z.array(SignalCandidateSchema),
  rejected: z.array(RejectedCandidateSchema),
  /** The last closed bars, oldest first; sent only when there are candidates (the new-signal chart). */
  recentBars: z.array(RecentBarSchema).max(MAX_RECENT_BARS).optional(),
};

/** Version 1 (still read during a deploy): only the snapshot of the last closed bar. */
const AnalysisV1Schema = z.object({ ...PER_SYMBOL_HEADER, snapshot: BarSnapshotSchema, ...decision });

/**
 * Version 2: the snapshots of the last closed bars, oldest first, each with its close time, so persistState applies
 * every bar after a signal's last applied one (DESIGN §6.9).
 */
const AnalysisV2Schema = z.object({
  ...PER_SYMBOL_HEADER,
  schemaVersion: z.literal(2),
  snapshots: z
    .array(BarSnapshotSchema.required({ closesAt: true }))
    .min(1)
    .max(MAX_LIFECYCLE_BARS)
    .refine((bars) => bars.every((bar, i) => i === 0 || Date.parse(bar.timestamp) > Date.parse(bars[i - 1].timestamp)), {
      error: 'must be in strictly ascending timestamp order',
    }),
  ...decision,
});

/**
 * Version 3 (still read during a deploy): version 2's snapshots as columns (`snapshots: { timestampMs, closesAtMs,
 * open, …, bearishEngulfing }`, times in epoch milliseconds), about half the bytes, no key or timestamp string per
 * bar to read. Decodes to the same snapshots.
 */
const AnalysisV3Schema = z.object({
  ...PER_SYMBOL_HEADER,
  schemaVersion: z.literal(3),
  snapshots: snapshotColumnsSchema(MAX_LIFECYCLE_BARS),
  ...decision,
});

/**
 * Version 4, what generateSignals writes: version 3's columns as binary (`snapshots: { count, f64le }`, 96 bytes a
 * snapshot in little-endian float64, warm-up readings as NaN), so no number is written or read as text. Decodes to
 * the same snapshots.
 */
const AnalysisV4Schema = z.object({
  ...PER_SYMBOL_HEADER,
  schemaVersion: z.literal(4),
  snapshots: snapshotBinarySchema(MAX_LIFECYCLE_BARS),
  ...decision,
});

/**
 * What generateSignals decided for one symbol: candidates, rejected (shadow) candidates and the lifecycle bars.
 * Warm-up readings (NaN) travel as `null` (as NaN in version 4) and decode back to NaN. Consumers accept versions 1
 * to 4.
 */
export const AnalysisSchema = z.discriminatedUnion('schemaVersion', [
  AnalysisV1Schema,
  AnalysisV2Schema,
  AnalysisV3Schema,
  AnalysisV4Schema,
]);

/** The version generateSignals writes. */
export const ANALYSIS_SCHEMA_VERSION = 4;

/** A decoded analysis of either version. */
export type Analysis = Decoded<typeof AnalysisSchema>;
/** A decoded version-1 analysis (one snapshot). */
export type AnalysisV1 = Decoded<typeof AnalysisV1Schema>;
/** A decoded version-2 analysis (the recent snapshots). */
export type AnalysisV2 = Decoded<typeof AnalysisV2Schema>;
/** A decoded version-3 analysis (the recent snapshots, sent as columns). */
export type AnalysisV3 = Decoded<typeof AnalysisV3Schema>;
/** A decoded version-4 analysis (the recent snapshots, sent as binary columns). */
export type AnalysisV4 = Decoded<typeof AnalysisV4Schema>;

/** The closed bars an analysis holds for the lifecycle, oldest first, and whether they are the whole recent window. */
export function lifecycleBars(analysis: Analysis): { readonly bars: readonly BarSnapshot[]; readonly window: boolean } {
  return analysis.schemaVersion === 1 ? { bars: [analysis.snapshot], window: false } : { bars: analysis.snapshots, window: true };
}

/**
 * An analysis as JSON: version 4 (binary snapshot columns) or 3 (snapshot columns) when it asks for one and every
 * snapshot can travel so unchanged, else version 2 (snapshot records); an earlier version as it is.
 */
function analysisJson(payload: DeepReadonly<Analysis>): { readonly json: string; readonly schemaVersion: number } {
  if (payload.schemaVersion !== 3 && payload.schemaVersion !== 4)
    return { json: jsonOf(payload), schemaVersion: payload.schemaVersion };
  const { snapshots, ...rest } = payload;
  const columns = payload.schemaVersion === 4 ? snapshotBinaryJson(snapshots) : snapshotColumnsJson(snapshots);
  if (columns === undefined) return { json: jsonOf({ ...payload, schemaVersion: 2 }), schemaVersion: 2 };
  return { json: `${jsonOf(rest).slice(0, -1)},"snapshots":${columns}}`, schemaVersion: payload.schemaVersion };
}

/** Analyses travel on `analyses`, keyed by symbol. */
export const analysisKind: MessageKind<typeof AnalysisSchema> = {
  type: 'analysis',
  topic: TOPICS.analyses,
  schema: AnalysisSchema,
  orderedBySymbol: true,
  checkOnEncode: false,
  toJson: analysisJson,
};
