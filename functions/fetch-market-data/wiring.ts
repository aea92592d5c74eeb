import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext, pausedReader } from '../function-deps.js';
import { createFetchMarketData } from './index.js';

/** fetchMarketData on this instance's market source and configured universe. */
export function build(deps: FunctionDeps): FunctionHandler {
  const { universe } = deps.config;
  return createFetchMarketData({
    ...handlerContext(deps),
    source: deps.marketSource(),
    universe: { crypto: universe.cryptoSymbols, equity: universe.equitySymbols },
    shards: { size: deps.config.marketData.scanShardSize, claims: deps.store() },
    ...(pausedReader(deps) ? { paused: pausedReader(deps) } : {}),
  });
}
