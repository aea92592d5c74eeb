import { z } from 'zod';
import { IdSchema, IsoInstantSchema, SchemaVersionSchema, SymbolSchema, TimeframeSchema } from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { MESSAGE_LIMITS } from './limits.js';
import { TOPICS } from './topics.js';

/** Which symbols a scan covers when no `symbols` are listed. */
export const UNIVERSES = ['crypto', 'equity', 'all'] as const;

/**
 * A request to scan (published by Cloud Scheduler or by a person replaying history). Strict: a key
 * we do not know (`symbol` for `symbols`) is an error rather than silently ignored.
 */
export const ScanRequestSchema = z
  .strictObject({
    schemaVersion: SchemaVersionSchema,
    timeframe: TimeframeSchema,
    universe: z.enum(UNIVERSES),
    symbols: z.array(SymbolSchema).min(1).max(MESSAGE_LIMITS.symbolsPerScan).optional(),
    /** The replay's "now": bars opening after it are not fetched. */
    asOf: IsoInstantSchema.optional(),
    requestId: IdSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.universe === 'all' || request.symbols === undefined) return;
    request.symbols.forEach((symbol, index) => {
      const isPair = symbol.includes('/');
      if (isPair !== (request.universe === 'crypto')) {
        ctx.addIssue({
          code: 'custom',
          path: ['symbols', index],
          message: `${JSON.stringify(symbol)} is not ${isPair ? 'an equity' : 'a crypto pair'} (universe "${request.universe}")`,
        });
      }
    });
  });

/** A decoded scan request. */
export type ScanRequest = Decoded<typeof ScanRequestSchema>;

/** Scan requests travel on `scan-requests`, unkeyed. */
export const scanRequestKind: MessageKind<typeof ScanRequestSchema> = {
  type: 'scan.request',
  topic: TOPICS.scanRequests,
  schema: ScanRequestSchema,
  orderedBySymbol: false,
};
