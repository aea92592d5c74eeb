import { NotEnoughBarsError } from '../../shared/errors/errors.js';
import { analysisKind } from '../../shared/messages/analysis.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { marketBarsKind } from '../../shared/messages/market-bars.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import { generateCandidates } from './candidates/index.js';

export type GenerateSignalsDeps = HandlerContext;

/** MarketBars → Analysis: pure decisions on the last closed bar, no database. */
export function createGenerateSignals(deps: GenerateSignalsDeps) {
  return createPushHandler('generateSignals', marketBarsKind, deps, async (bars) => {
    const { symbol, assetClass, timeframe, asOf, requestId } = bars;
    let result;
    try {
      result = generateCandidates(symbol, assetClass, timeframe, bars.bars, new Date(asOf));
    } catch (error) {
      if (!(error instanceof NotEnoughBarsError)) throw error;
      deps.log.info(`no decision for ${symbol}: ${error.message}`, { requestId, symbol });
      return;
    }
    const analysis = { schemaVersion: 1, requestId, symbol, assetClass, timeframe, asOf, ...result } as const;
    await deps.bus.publish(analysisKind.topic, encodeMessage(analysisKind, analysis));
  });
}
