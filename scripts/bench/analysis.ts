import { barCloseTime } from '../../shared/domain/sessions/bar-close.js';
import { DEFAULT_REPLAY_SYMBOLS, findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';
import type { BundledSeries } from '../../shared/market-data/bundled-bars.js';
import { ENGINE_PARAMS, generateCandidates } from '../../functions/generate-signals/candidates/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalRuntime } from '../pipeline/local-runtime.js';
import type { SubscriptionTiming } from '../../shared/bus/in-process-bus.js';
import { FUNCTIONS, subscriptionName } from '../../functions/topology.js';
import { decisionSteps } from '../replay/decision-times.js';
import { replayMoments, replayThroughPipeline } from '../replay/pipeline-replay.js';
import { startScanWorkerIfParallel } from '../replay/scan-worker.js';
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
export function runAnalysisBench(seconds = MIN_SECONDS) {
  const series = bundled('BTC/USD');
  const bars = readBundledBars(series);
  const { lookbackBars } = ENGINE_PARAMS;
  let analyses = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let end = lookbackBars; end <= bars.length; end += 7) {
      const window = bars.slice(end - lookbackBars, end);
      generateCandidates(
        series.symbol,
        series.assetClass,
        series.timeframe,
        window,
        new Date(barCloseTime(window[lookbackBars - 1], '1Day', series.assetClass)),
      );
      analyses++;
    }
  }
  const perSecond = analyses / ((performance.now() - started) / 1000);
  return { windowBars: lookbackBars, analyses, perSecond, target: TARGET_PER_SECOND, pass: perSecond >= TARGET_PER_SECOND };
}

/** Wall and CPU time (user + system, every thread of this process) of `run`, in ms. */
async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** The default replay through the engine alone (no transport, no store), timed end to end including file reads. */
export async function runReplayBench() {
  const { result, ms, cpuMs } = await timed(() => {
    let steps = 0;
    let signals = 0;
    for (const symbol of DEFAULT_REPLAY_SYMBOLS) {
      const series = bundled(symbol);
      const walk = walkForward(series, readBundledBars(series), {});
      steps += walk.steps;
      signals += walk.signals.length;
    }
    return { steps, signals };
  });
  return { symbols: [...DEFAULT_REPLAY_SYMBOLS], ...result, ms, cpuMs, target: TARGET_REPLAY_MS, pass: ms < TARGET_REPLAY_MS };
}

const MB = 1024 * 1024;
const RSS_SAMPLE_EVERY = 16;

/** Where the pipeline's time went: each function's deliveries and handler time (its subscription's), most first. */
export type TimeByFunction = Record<string, Readonly<SubscriptionTiming>>;

function timeByFunction(
  bySubscription: ReadonlyMap<string, Readonly<SubscriptionTiming>>,
  environment: 'dev' | 'prod',
): TimeByFunction {
  const names = new Map(FUNCTIONS.map((row) => [subscriptionName(environment, row.name), row.name]));
  const rows = [...bySubscription]
    .filter(([subscription]) => names.has(subscription))
    .map(
      ([subscription, timing]) => [names.get(subscription) as string, { deliveries: timing.deliveries, ms: timing.ms }] as const,
    )
    .sort((a, b) => b[1].ms - a[1].ms);
  return Object.fromEntries(rows);
}

/** V8's full collection, reachable without `--expose-gc` on the command line (tsx starts the bench). */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * The default `npm start` through the whole pipeline (in-process bus, SQLite in a temp dir, outbox sink), with
 * the resident memory sampled every 16 moments: its peak, and its value at each quarter of the replay; and the
 * live JavaScript heap after a full collection at each quarter (flat when nothing accumulates per bar; the
 * collections' time is not counted). The scan worker thread is started, and its modules loaded, before the clock
 * starts, as npm start starts it while its main thread loads its own: no module loading is timed, on either side.
 */
export async function runPipelineReplayBench() {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-'));
  let peakRss = process.memoryUsage.rss();
  const rssByQuarter: number[] = [];
  const heapByQuarter: number[] = [];
  const gc = fullGc();
  let gcMs = 0;
  const scanThread = await startScanWorkerIfParallel()?.loaded();
  try {
    const { result, ms, cpuMs } = await timed(async () => {
      const runtime = await openLocalRuntime({ storePath: join(dir, 'sentinel.db') });
      try {
        const series = DEFAULT_REPLAY_SYMBOLS.map((symbol) => ({
          symbol,
          assetClass: bundled(symbol).assetClass,
          bars: readBundledBars(bundled(symbol)),
        }));
        const steps = decisionSteps(series, '1Day', { minBars: ENGINE_PARAMS.minBars });
        const moments = replayMoments(
          { storePath: runtime.storePath, timeframe: '1Day', steps, logging: runtime.logging },
          scanThread,
        );
        const replay = await replayThroughPipeline(runtime.bus, '1Day', steps, {
          moments,
          onProgress: (done, total) => {
            const quarter = rssByQuarter.length < 4 && done >= (total * (rssByQuarter.length + 1)) / 4;
            // Sampled every few moments: reading the resident size costs about 70 µs, 4 % of the replay if done each time.
            if (!quarter && done % RSS_SAMPLE_EVERY !== 0) return;
            const rss = process.memoryUsage.rss();
            peakRss = Math.max(peakRss, rss);
            if (quarter) {
              rssByQuarter.push(rss / MB);
              const started = performance.now();
              gc();
              heapByQuarter.push(process.memoryUsage().heapUsed / MB);
              gcMs += performance.now() - started;
            }
          },
        });
        const signals = (await runtime.store.listSignals({ timeframe: '1Day' })).length;
        // fetchMarketData and generateSignals run on the scan worker's bus.
        const bySubscription = new Map([...runtime.bus.stats.bySubscription, ...(moments.elsewhere?.() ?? [])]);
        return { steps: replay.symbolSteps, signals, byFunction: timeByFunction(bySubscription, runtime.config.environment) };
      } finally {
        await runtime.close();
      }
    });
    return {
      symbols: [...DEFAULT_REPLAY_SYMBOLS],
      steps: result.steps,
      signals: result.signals,
      byFunction: result.byFunction,
      ms: ms - gcMs,
      cpuMs: cpuMs - gcMs,
      msPerBar: (ms - gcMs) / result.steps,
      peakRssMb: peakRss / MB,
      rssMbByQuarter: rssByQuarter,
      heapMbByQuarter: heapByQuarter,
    };
  } finally {
    await scanThread?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
