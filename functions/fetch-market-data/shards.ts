import { createHash } from 'node:crypto';
import { assetClassOf } from '../../shared/market-data/market-data-source.port.js';
import type { ScanRequest } from '../../shared/messages/scan-request.js';

/**
 * fetchMarketData's timeout and its subscription's ack deadline (functions/topology.ts): a shard claimed longer ago
 * than this belongs to an invocation that is gone, so a redelivery may take it over.
 */
export const FETCH_MARKET_DATA_TIMEOUT_SECONDS = 120;

/** The delivery-store channel under which each shard is claimed, then marked done, once. */
export const SHARD_CLAIM_CHANNEL = 'scan-shard';

// IdSchema allows 200 characters; a longer parent id is replaced by a digest so a shard id always fits.
const MAX_PARENT_ID = 160;

/**
 * A scan's symbols cut into shards of at most `size`: crypto pairs first, then equities (each in the given order),
 * and no shard mixes the two, since each asset class is its own Alpaca endpoint (a mixed shard would cost one more
 * request). The same symbols and size always give the same shards.
 */
export function planShards(symbols: readonly string[], size: number): string[][] {
  const crypto = symbols.filter((symbol) => assetClassOf(symbol) === 'CRYPTO');
  const equity = symbols.filter((symbol) => assetClassOf(symbol) === 'EQUITY');
  return [...chunks(crypto, size), ...chunks(equity, size)];
}

/** `<parent>#<n>/<count>` (1-based): the same for every delivery of the same parent. */
export function shardId(parentRequestId: string, index: number, count: number): string {
  const parent =
    parentRequestId.length <= MAX_PARENT_ID
      ? parentRequestId
      : `sha256:${createHash('sha256').update(parentRequestId).digest('hex').slice(0, 40)}`;
  return `${parent}#${index + 1}/${count}`;
}

/** What a sharded scan's every shard shares: the parent's id, decision time and whole symbol list. */
export interface ShardedScan {
  readonly parentRequestId: string;
  readonly timeframe: ScanRequest['timeframe'];
  readonly universe: ScanRequest['universe'];
  readonly asOf: Date;
  readonly symbols: readonly string[];
  readonly size: number;
  readonly count: number;
}

/** The ScanRequest of shard `index` (it carries the whole list, so it can publish the shard after it). */
export function shardRequest(scan: ShardedScan, index: number) {
  return {
    schemaVersion: 1,
    timeframe: scan.timeframe,
    universe: scan.universe,
    symbols: [...scan.symbols],
    asOf: scan.asOf.toISOString(),
    requestId: shardId(scan.parentRequestId, index, scan.count),
    shard: { parentRequestId: scan.parentRequestId, index, count: scan.count, size: scan.size },
  } as const;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
