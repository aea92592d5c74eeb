import { generateCandidates } from '../../functions/generate-signals/candidates/index.js';
import { barCloseTime } from '../../shared/domain/sessions/bar-close.js';
import { DEFAULT_REPLAY_SYMBOLS, findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';
import { ANALYSIS_SCHEMA_VERSION, AnalysisSchema, analysisKind } from '../../shared/messages/analysis.js';
import { decodePushEvent, encodeMessage } from '../../shared/messages/envelope.js';
import { MARKET_BARS_SCHEMA_VERSION, MarketBarsSchema, marketBarsKind } from '../../shared/messages/market-bars.js';
import { pushEventOf } from '../../shared/testing/events.js';

/** Microseconds a symbol-bar spends in each step of its way through the pipeline's messages, and in the engine. */
export interface MessagePathCost {
  readonly bars: number;
  readonly engineUs: number;
  /** fetchMarketData writes the window, the bus makes the push delivery (base64), generateSignals reads it. */
  readonly marketBars: { readonly writeUs: number; readonly pushUs: number; readonly readUs: number };
  /** generateSignals writes the analysis, the bus makes the push delivery, persistState reads it. */
  readonly analysis: { readonly writeUs: number; readonly pushUs: number; readonly readUs: number };
  /** All six message steps, per symbol-bar: what a symbol-bar costs beyond its decision however the pipeline runs. */
  readonly messagesUs: number;
}

const REQUEST_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Each step of the message path of the default replay's windows (`bars` symbol-bars, the last of each symbol's
 * history, frozen bars as the replay serves them), timed one by one with the decision between them: a floor for the
 * pipeline that no scheduling removes, since every message is written by its producer and read by its consumer.
 */
export function runMessagePathBench(barsPerSymbol = 500): MessagePathCost {
  const totals = { engine: 0, barsWrite: 0, barsPush: 0, barsRead: 0, analysisWrite: 0, analysisPush: 0, analysisRead: 0 };
  let n = 0;
  const lap = (key: keyof typeof totals, since: number): number => {
    const now = performance.now();
    totals[key] += now - since;
    return now;
  };
  for (const symbol of DEFAULT_REPLAY_SYMBOLS) {
    const series = findBundledSeries(symbol, '1Day');
    if (!series) throw new Error(`no bundled 1Day series for ${symbol}`);
    const bars = readBundledBars(series).map((bar) => Object.freeze(bar));
    for (let end = Math.max(365, bars.length - barsPerSymbol); end <= bars.length; end++) {
      const asOf = new Date(Date.parse(barCloseTime(bars[end - 1], '1Day', series.assetClass)) + 1000).toISOString();
      const header = { requestId: REQUEST_ID, symbol, assetClass: series.assetClass, timeframe: '1Day', asOf } as const;
      let at = performance.now();
      const barsMessage = encodeMessage(marketBarsKind, {
        ...header,
        schemaVersion: MARKET_BARS_SCHEMA_VERSION,
        bars: bars.slice(end - 365, end),
      });
      at = lap('barsWrite', at);
      const barsEvent = pushEventOf(barsMessage);
      at = lap('barsPush', at);
      const window = decodePushEvent(MarketBarsSchema, barsEvent).payload;
      at = lap('barsRead', at);
      const result = generateCandidates(symbol, series.assetClass, '1Day', window.bars, new Date(asOf));
      at = lap('engine', at);
      const analysisMessage = encodeMessage(analysisKind, {
        ...header,
        schemaVersion: ANALYSIS_SCHEMA_VERSION,
        snapshots: result.snapshots,
        candidates: result.candidates,
        rejected: result.rejected,
      });
      at = lap('analysisWrite', at);
      const analysisEvent = pushEventOf(analysisMessage);
      at = lap('analysisPush', at);
      decodePushEvent(AnalysisSchema, analysisEvent);
      lap('analysisRead', at);
      n++;
    }
  }
  const us = (ms: number) => (ms * 1000) / n;
  const marketBars = { writeUs: us(totals.barsWrite), pushUs: us(totals.barsPush), readUs: us(totals.barsRead) };
  const analysis = { writeUs: us(totals.analysisWrite), pushUs: us(totals.analysisPush), readUs: us(totals.analysisRead) };
  const messagesUs = [...Object.values(marketBars), ...Object.values(analysis)].reduce((a, b) => a + b, 0);
  return { bars: n, engineUs: us(totals.engine), marketBars, analysis, messagesUs };
}
