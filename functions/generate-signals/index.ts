import { closedBars } from '../../shared/domain/sessions/bar-close.js';
import { NotEnoughBarsError } from '../../shared/errors/errors.js';
import { ANALYSIS_SCHEMA_VERSION, analysisKind } from '../../shared/messages/analysis.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { marketBarsKind } from '../../shared/messages/market-bars.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import { generateCandidates } from './candidates/index.js';
import type { EngineTuning } from './candidates/index.js';

export interface GenerateSignalsDeps extends HandlerContext {
  /** HARMONIC_RECENCY_BARS and STOP_BUFFER_ATR; the engine's defaults when absent. */
  readonly tuning?: EngineTuning;
}

/** How many closed bars an analysis with candidates carries for the new-signal chart. */
export const CHART_BARS = 60;

/** MarketBars → Analysis: pure decisions on the last closed bar, no database. */
export function createGenerateSignals(deps: GenerateSignalsDeps) {
  return createPushHandler('generateSignals', marketBarsKind, deps, async (bars) => {
    const { symbol, assetClass, timeframe, asOf, requestId } = bars;
    let result;
    try {
      result = generateCandidates(symbol, assetClass, timeframe, bars.bars, new Date(asOf), deps.tuning);
    } catch (error) {
      if (!(error instanceof NotEnoughBarsError)) throw error;
      deps.log.info(`no decision for ${symbol}: ${error.message}`, { requestId, symbol });
      return;
    }
    // Only a new candidate needs a chart; the other analyses stay as small as before.
    const recentBars =
      result.candidates.length === 0
        ? {}
        : {
            recentBars: closedBars(bars.bars, timeframe, assetClass, new Date(asOf))
              .slice(-CHART_BARS)
              .map(({ timestamp, open, high, low, close }) => ({ timestamp, open, high, low, close })),
          };
    const { candidates, rejected, snapshots } = result;
    const analysis = {
      schemaVersion: ANALYSIS_SCHEMA_VERSION,
      requestId,
      symbol,
      assetClass,
      timeframe,
      asOf,
      snapshots,
      candidates,
      rejected,
      ...recentBars,
    } as const;
    await deps.bus.publish(analysisKind.topic, encodeMessage(analysisKind, analysis));
  });
}
