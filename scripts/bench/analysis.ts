import { barCloseTime } from '../../shared/domain/sessions/bar-close.js';
import { DEFAULT_REPLAY_SYMBOLS, findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';
import type { BundledSeries } from '../../shared/market-data/bundled-bars.js';
import { ENGINE_PARAMS, generateCandidates } from '../../functions/generate-signals/candidates/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalRuntime } from '../pipeline/local-runtime.js';
import { decisionSteps } from '../replay/decision-times.js';
import { replayThroughPipeline } from '../replay/pipeline-replay.js';
import { walkForward } from '../replay/walk-forward.js';

const MIN_SECONDS = 3;
const TARGET_PER_SECOND = 2000;
const TARGET_REPLAY_MS = 10_000;

function bundled(symbol: string): BundledSeries {
  const series = findBundledSeries(symbol, '1Day');
  if (!series) throw new Error(`no bundled 1Day series for ${symbol}`);
  return series;
}

/** Full decisions (validate, indicators, patterns, harmonics, levels) on 365-bar windows, per second. */
export function runAnalysisBench() {
  const series = bundled('BTC/USD');
  const bars = readBundledBars(series);
  const { lookbackBars } = ENGINE_PARAMS;
  let analyses = 0;
  const started = performance.now();
  while (performance.now() - started < MIN_SECONDS * 1000) {
    for (let end = lookbackBars; end <= bars.length; end += 7) {
      const window = bars.slice(end - lookbackBars, end);
      generateCandidates(series.symbol, series.assetClass, series.timeframe, window, new Date(barCloseTime(window[lookbackBars - 1], '1Day', series.assetClass)));
      analyses++;
    }
  }
  const perSecond = analyses / ((performance.now() - started) / 1000);
  return { windowBars: lookbackBars, analyses, perSecond, target: TARGET_PER_SECOND, pass: perSecond >= TARGET_PER_SECOND };
}

/** The default replay through the engine alone (no transport, no store), timed end to end including file reads. */
export function runReplayBench() {
  const started = performance.now();
  let steps = 0;
  let signals = 0;
  for (const symbol of DEFAULT_REPLAY_SYMBOLS) {
    const series = bundled(symbol);
    const result = walkForward(series, readBundledBars(series), { cooldownScope: 'SYMBOL' });
    steps += result.steps;
    signals += result.signals.length;
  }
  const ms = performance.now() - started;
  return { symbols: [...DEFAULT_REPLAY_SYMBOLS], steps, signals, ms, target: TARGET_REPLAY_MS, pass: ms < TARGET_REPLAY_MS };
}

/** The default `npm start` through the whole pipeline (in-process bus, SQLite in a temp dir, outbox sink). */
export async function runPipelineReplayBench() {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-'));
  const started = performance.now();
  const runtime = await openLocalRuntime({ storePath: join(dir, 'sentinel.db') });
  const series = DEFAULT_REPLAY_SYMBOLS.map((symbol) => ({ symbol, assetClass: bundled(symbol).assetClass, bars: readBundledBars(bundled(symbol)) }));
  const steps = decisionSteps(series, '1Day', { minBars: ENGINE_PARAMS.minBars });
  const result = await replayThroughPipeline(runtime.bus, '1Day', steps);
  await runtime.close();
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return { symbols: [...DEFAULT_REPLAY_SYMBOLS], steps: result.symbolSteps, ms, msPerBar: ms / result.symbolSteps };
}
