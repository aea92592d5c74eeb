import { ANALYSIS_LOOKBACK_BARS } from '../../shared/domain/engine.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { MARKET_BARS_SCHEMA_VERSION, marketBarsKind } from '../../shared/messages/market-bars.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import type { MarketDataSource } from '../../shared/market-data/market-data-source.port.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import { noSessionNote } from './session-note.js';
import { symbolsToScan } from './universe.js';

export interface FetchMarketDataDeps extends HandlerContext {
  readonly source: MarketDataSource;
  readonly universe: { readonly crypto: readonly string[]; readonly equity: readonly string[] };
  /** The kill switch (`sentinel pause`): while it is set no scan runs. */
  readonly paused?: () => Promise<boolean>;
}

/** ScanRequest → one MarketBars message per symbol (the fan-out), closed bars only. */
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
    const results = await deps.source.closedBars({
      symbols,
      timeframe: request.timeframe,
      asOf,
      lookbackBars: ANALYSIS_LOOKBACK_BARS,
    });
    let published = 0;
    for (const result of results) {
      if ('problem' in result) {
        deps.log.warn(`skipped ${result.symbol}: ${result.problem}`, { requestId, symbol: result.symbol });
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
    // The "silence" alert counts these: no completed scan for 26 h means the schedule or the pipeline is stuck.
    deps.log.info('scan completed', {
      event: 'scan.completed',
      requestId,
      timeframe: request.timeframe,
      symbols: symbols.length,
      published,
    });
  });
}
