import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createFetchMarketData } from './index.js';

/** fetchMarketData on this instance's market source and configured universe. */
export function build(deps: FunctionDeps): FunctionHandler {
  const { universe } = deps.config;
  return createFetchMarketData({
    ...handlerContext(deps),
    source: deps.marketSource(),
    universe: { crypto: universe.cryptoSymbols, equity: universe.equitySymbols },
  });
}
