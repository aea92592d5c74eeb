import { z } from 'zod';
import { IdSchema, IsoInstantSchema, SchemaVersionSchema, SymbolSchema, TimeframeSchema } from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { MESSAGE_LIMITS } from './limits.js';
import { TOPICS } from './topics.js';

/**
 * Where a shard sits in its scan (functions/fetch-market-data/shards.ts): a large scan's `symbols` travel whole in
 * every shard, which covers the `index`-th slice of `size`, then publishes the next. Absent on a scan as published.
 */
export const ShardSchema = z
  .strictObject({
    parentRequestId: IdSchema,
    index: z.number().int().min(0),
    count: z.number().int().min(1).max(MESSAGE_LIMITS.symbolsPerScan),
    size: z.number().int().min(1).max(MESSAGE_LIMITS.symbolsPerScan),
  })
  .refine((shard) => shard.index < shard.count, { message: 'index must be below count', path: ['index'] });

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
    /** Set on the shards a large scan fans out into (schema version 1 still: old messages have none). */
    shard: ShardSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.shard !== undefined && request.symbols === undefined)
      ctx.addIssue({ code: 'custom', path: ['symbols'], message: 'a shard carries the symbols of its scan' });
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
