import { z } from 'zod';
import { EXIT_REASONS, LEGACY_EXIT_REASONS, LIFECYCLE_EVENT_TYPES, SIGNAL_STATUSES } from '../domain/signal.js';
import { MAX_RECENT_BARS, RecentBarSchema } from './analysis.js';
import { RejectedCandidateSchema } from './candidate.js';
import {
  AssetClassSchema,
  FiniteSchema,
  IsoInstantSchema,
  SchemaVersionSchema,
  SymbolSchema,
  TimeframeSchema,
} from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { currentExitReason, SignalSchema } from './signal.js';
import { TOPICS } from './topics.js';

/** The event types persistState's lifecycle emits. */
export const LIFECYCLE_TYPES = LIFECYCLE_EVENT_TYPES;

/** Every `type` on the `events` topic; subscriptions filter on the `type` attribute. */
export const SIGNAL_EVENT_TYPES = ['signal.created', 'signal.rejected', ...LIFECYCLE_TYPES] as const;
/** One of `SIGNAL_EVENT_TYPES`. */
export type SignalEventType = (typeof SIGNAL_EVENT_TYPES)[number];

const common = {
  schemaVersion: SchemaVersionSchema,
  /** UUIDv5 of `signalId|transition`: the dedupe key of every downstream effect (DESIGN §3). */
  eventId: z.uuid(),
  signalId: z.uuid(),
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  timeframe: TimeframeSchema,
  occurredAt: IsoInstantSchema,
};

/** A new signal was stored; carries it whole, and the bars of its analysis for the chart (optional). */
export const SignalCreatedSchema = z.object({
  ...common,
  type: z.literal('signal.created'),
  signal: SignalSchema,
  recentBars: z.array(RecentBarSchema).max(MAX_RECENT_BARS).optional(),
});

/** A setup failed a gate and was kept as a shadow signal. */
export const SignalRejectedSchema = z.object({
  ...common,
  type: z.literal('signal.rejected'),
  rejected: RejectedCandidateSchema,
});

/** A lifecycle step: the `LifecycleEvent` fields plus the signal after it, so no notifier reads the database. */
export const SignalLifecycleSchema = z.object({
  ...common,
  type: z.enum(LIFECYCLE_TYPES),
  barTimestamp: IsoInstantSchema,
  status: z.enum(SIGNAL_STATUSES),
  price: FiniteSchema,
  /** `signal.trailed`: the stop before and after (rules version 1 wrote the trail as `previousTp3`/`newTp3`). */
  previousStop: FiniteSchema.optional(),
  newStop: FiniteSchema.optional(),
  previousTp3: FiniteSchema.optional(),
  newTp3: FiniteSchema.optional(),
  /** `signal.gap`: the last bar applied before the hole and the first after it. */
  gapFrom: IsoInstantSchema.optional(),
  gapTo: IsoInstantSchema.optional(),
  realizedR: FiniteSchema.optional(),
  realizedRNet: FiniteSchema.optional(),
  /** Rules version 1 reasons still decode; the signal it carries names a stop exactly. */
  exitReason: z
    .enum([...EXIT_REASONS, ...LEGACY_EXIT_REASONS])
    .transform((reason) => currentExitReason(reason, STOP_AT_ENTRY_UNKNOWN))
    .optional(),
  signal: SignalSchema,
});

/** A legacy `STOP_LOSS` on an event alone cannot say where the stop stood: it reads as the initial stop. */
const STOP_AT_ENTRY_UNKNOWN = { currentStop: 0, stop: 0, entry: 1 } as const;

/** Every event on the `events` topic, told apart by `type`; its fields agree with the document it carries. */
export const SignalEventSchema = z
  .discriminatedUnion('type', [SignalCreatedSchema, SignalRejectedSchema, SignalLifecycleSchema])
  .superRefine((event, ctx) => {
    const document = event.type === 'signal.rejected' ? event.rejected : event.signal;
    const name = event.type === 'signal.rejected' ? 'rejected' : 'signal';
    for (const key of ['signalId', 'symbol', 'assetClass', 'timeframe'] as const) {
      if (event[key] !== document[key]) {
        ctx.addIssue({ code: 'custom', path: [key], message: `does not match ${name}.${key} ${JSON.stringify(document[key])}` });
      }
    }
    if (event.type !== 'signal.created' && event.type !== 'signal.rejected' && event.status !== event.signal.status) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: `does not match signal.status "${event.signal.status}"` });
    }
  });

/** A decoded event of any type. */
export type SignalEvent = Decoded<typeof SignalEventSchema>;
/** A decoded `signal.created`. */
export type SignalCreatedEvent = Decoded<typeof SignalCreatedSchema>;
/** A decoded `signal.rejected`. */
export type SignalRejectedEvent = Decoded<typeof SignalRejectedSchema>;
/** A decoded lifecycle event (`signal.tp1` … `signal.trailed`, `signal.gap`). */
export type SignalLifecycleEvent = Decoded<typeof SignalLifecycleSchema>;

/** Events travel on `events`, unkeyed; the `type` attribute comes from each event. */
export const signalEventKind: MessageKind<typeof SignalEventSchema> = {
  type: 'signal.event',
  topic: TOPICS.events,
  schema: SignalEventSchema,
  orderedBySymbol: false,
};
