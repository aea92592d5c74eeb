import { ANALYSIS_LOOKBACK_BARS } from '../../shared/domain/engine.js';
import { InvalidArgumentError, SentinelError } from '../../shared/errors/errors.js';
import { DeliveryInProgressError } from '../../shared/store/delivery-in-progress.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { MARKET_BARS_SCHEMA_VERSION, marketBarsKind } from '../../shared/messages/market-bars.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import type { ScanRequest } from '../../shared/messages/scan-request.js';
import type { MarketDataSource } from '../../shared/market-data/market-data-source.port.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { DeliveryStore } from '../../shared/store/delivery-store.port.js';
import { noSessionNote } from './session-note.js';
import { FETCH_MARKET_DATA_TIMEOUT_SECONDS, SHARD_CLAIM_CHANNEL, planShards, shardRequest } from './shards.js';
import type { ShardedScan } from './shards.js';
import { symbolsToScan } from './universe.js';

/** How a large scan is cut up: at most `size` symbols per invocation, each shard claimed once in `claims`. */
export interface ShardingDeps {
  readonly size: number;
  readonly claims: Pick<DeliveryStore, 'claimDelivery' | 'completeDelivery' | 'releaseDelivery'>;
}

export interface FetchMarketDataDeps extends HandlerContext {
  readonly source: MarketDataSource;
  readonly universe: { readonly crypto: readonly string[]; readonly equity: readonly string[] };
  /** The kill switch (`sentinel pause`): while it is set no scan runs. */
  readonly paused?: () => Promise<boolean>;
  /** Without it every scan runs in one invocation, whatever its size. */
  readonly shards?: ShardingDeps;
}

/**
 * ScanRequest → one MarketBars message per symbol (the fan-out), closed bars only. A scan of more symbols than the
 * shard size runs as a chain of shards on `scan-requests`: the scan publishes its first shard, and each shard scans
 * its slice, then publishes the next, so one shard at a time holds the one throttled instance and every invocation
 * stays far inside its timeout. Each shard is claimed in the store before it runs and marked done after, so a
 * redelivered scan or shard does no shard's work twice.
 */
export function createFetchMarketData(deps: FetchMarketDataDeps) {
  return createPushHandler('fetchMarketData', scanRequestKind, deps, async (request, message) => {
    if ((await deps.paused?.()) === true) {
      deps.log.warn('paused: scan request acknowledged without scanning', {
        messageId: message.messageId,
        timeframe: request.timeframe,
      });
      return;
    }
    const asOf = request.asOf ? new Date(request.asOf) : deps.now();
    const requestId = request.requestId ?? message.messageId;
    const symbols = symbolsToScan(request, deps.universe);
    if (request.shard !== undefined) return runShard(deps, request, request.shard, symbols, asOf, requestId);
    const size = deps.shards?.size ?? Infinity;
    if (symbols.length <= size) return scan(deps, request, symbols, asOf, requestId);
    const plan = planShards(symbols, size);
    const sharded: ShardedScan = {
      parentRequestId: requestId,
      timeframe: request.timeframe,
      universe: request.universe,
      asOf,
      symbols,
      size,
      count: plan.length,
    };
    await publishShard(deps, sharded, 0);
    deps.log.info('scan sharded', { event: 'scan.sharded', requestId, symbols: symbols.length, shards: plan.length, size });
  });
}

async function runShard(
  deps: FetchMarketDataDeps,
  request: ScanRequest,
  shard: NonNullable<ScanRequest['shard']>,
  symbols: string[],
  asOf: Date,
  shardRequestId: string,
): Promise<void> {
  const plan = planShards(symbols, shard.size);
  if (plan.length !== shard.count)
    throw new InvalidArgumentError(
      'shard.count',
      `is ${shard.count}, but ${symbols.length} symbols in shards of ${shard.size} make ${plan.length}`,
    );
  const sharded: ShardedScan = { ...shard, timeframe: request.timeframe, universe: request.universe, asOf, symbols };
  const next = shard.index + 1 < shard.count ? () => publishShard(deps, sharded, shard.index + 1) : async () => {};
  const claims = deps.shards?.claims;
  const now = deps.now().toISOString();
  const claim = claims
    ? await claims.claimDelivery(shardRequestId, SHARD_CLAIM_CHANNEL, now, FETCH_MARKET_DATA_TIMEOUT_SECONDS * 1000)
    : 'claimed';
  // Held by another attempt (or by one that crashed): redelivered until it is done or its lease runs out, so a crash
  // loses neither this shard nor the chain after it.
  if (claim === 'in-progress') throw new DeliveryInProgressError(shardRequestId, SHARD_CLAIM_CHANNEL);
  if (claim === 'sent') {
    deps.log.info(`shard ${shard.index + 1}/${shard.count} already scanned: skipped`, {
      requestId: shard.parentRequestId,
      shard: shardRequestId,
    });
    return;
  }
  // Released on any failure, so the redelivery takes the shard at once instead of finding it in progress.
  const release = async (error: unknown): Promise<never> => {
    await claims?.releaseDelivery(shardRequestId, SHARD_CLAIM_CHANNEL, now);
    throw error;
  };
  try {
    await scan(deps, request, plan[shard.index], asOf, shard.parentRequestId, shard);
  } catch (error) {
    // The chain goes on without this shard; its own redelivery scans it again (and finds the next one claimed).
    await next().catch((publishError: unknown) =>
      deps.log.warn('next shard not published', { shard: shardRequestId, error: String(publishError) }),
    );
    return release(error);
  }
  await next().catch(release);
  await claims?.completeDelivery(shardRequestId, SHARD_CLAIM_CHANNEL, { messageId: shardRequestId }, deps.now().toISOString());
}

/** Bars of some symbols could not be fetched for a reason that may pass (network, 429, 5xx). Transient. */
export class MarketDataUnavailableError extends SentinelError {
  readonly code = 'MARKET_DATA.UNAVAILABLE';
  constructor(
    readonly unavailable: number,
    readonly symbols: number,
    readonly first: string,
  ) {
    super(`bars of ${unavailable} of ${symbols} symbols could not be fetched (${first})`);
  }
}

async function publishShard(deps: FetchMarketDataDeps, scan: ShardedScan, index: number): Promise<void> {
  await deps.bus.publish(scanRequestKind.topic, encodeMessage(scanRequestKind, shardRequest(scan, index)));
}

async function scan(
  deps: FetchMarketDataDeps,
  request: ScanRequest,
  symbols: readonly string[],
  asOf: Date,
  requestId: string,
  shard?: NonNullable<ScanRequest['shard']>,
): Promise<void> {
  const results = await deps.source.closedBars({
    symbols,
    timeframe: request.timeframe,
    asOf,
    lookbackBars: ANALYSIS_LOOKBACK_BARS,
  });
  let published = 0;
  const unavailable: string[] = [];
  for (const result of results) {
    if ('problem' in result) {
      deps.log.warn(`skipped ${result.symbol}: ${result.problem}`, { requestId, symbol: result.symbol });
      if (result.transient === true) unavailable.push(`${result.symbol}: ${result.problem}`);
      continue;
    }
    const { symbol, assetClass, bars } = result;
    const note = noSessionNote(assetClass, request.timeframe, asOf, bars);
    if (note !== null) deps.log.info(`${symbol}: ${note}`, { requestId, symbol });
    const payload = {
      schemaVersion: MARKET_BARS_SCHEMA_VERSION,
      requestId,
      symbol,
      assetClass,
      timeframe: request.timeframe,
      asOf: asOf.toISOString(),
      bars,
    } as const;
    await deps.bus.publish(marketBarsKind.topic, encodeMessage(marketBarsKind, payload));
    published++;
  }
  // What came is published; a request that failed for a reason that may pass fails the delivery, so Pub/Sub scans
  // again later (the bars published now are then published again, and their consumers dedupe them).
  if (unavailable.length > 0) throw new MarketDataUnavailableError(unavailable.length, symbols.length, unavailable[0]);
  // The "silence" alert counts these: no completed scan for 26 h means the schedule or the pipeline is stuck.
  deps.log.info('scan completed', {
    event: 'scan.completed',
    requestId,
    timeframe: request.timeframe,
    symbols: symbols.length,
    published,
    ...(shard ? { shard: `${shard.index + 1}/${shard.count}` } : {}),
  });
}
