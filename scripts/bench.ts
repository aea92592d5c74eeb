import { cpus, loadavg } from 'node:os';
import { runAnalysisBench, runPipelineReplayBench, runReplayBench } from './bench/analysis.js';
import type { TimeByFunction } from './bench/analysis.js';
import { formatIndicatorBench, runIndicatorBench } from './bench/indicators.js';
import { runMessagePathBench } from './bench/message-path.js';
import { runStartTime } from './bench/start-time.js';
import type { StartTime } from './bench/start-time.js';
import type { MessagePathCost } from './bench/message-path.js';
import type { IndicatorBenchRow } from './bench/indicators.js';
import { formatScaleBench, runScaleBench } from './bench/scale.js';
import type { ScaleResult } from './bench/scale.js';

const USAGE = `usage: npm run bench [-- --json] [-- --quick] [-- --scale N]
  --json   the last line of stdout is one JSON object: indicators, analysesPerSecond, replay (engine vs pipeline), start (npm start, spawn to exit)
  --quick  indicators on 100,000 bars (3 runs) and analyses for 1 s; the replay is always the full default one
  --scale N  then a full-market daily scan of N symbols against the local Alpaca server (docs/scale.md)`;

/** What the bench measured; `scale` is the section `--scale N` adds (issue 13 §2). */
interface BenchResult {
  indicators?: { bars: number; passed: number; cases: Record<string, Omit<IndicatorBenchRow, 'indicator' | 'bars'>> };
  analysesPerSecond?: number;
  analysis?: ReturnType<typeof runAnalysisBench>;
  replay?: ReplayComparison;
  /** `npm start -- --json --reset` from spawn to exit, on a store in a temporary directory (target: under 8 s). */
  start?: StartTime;
  scale?: ScaleResult;
  machine: { cpus: number; loadAverageBefore: number[]; loadAverageAfter?: number[] };
}

/** The default replay through the engine alone and through the pipeline, in one run so their ratio is fair. */
interface ReplayComparison {
  bars: number;
  engineMs: number;
  pipelineMs: number;
  /** pipelineMs / engineMs; the target is ≤ 1.5. */
  ratio: number;
  /** CPU time of this process (user + system), steadier than wall time on a busy machine. */
  engineCpuMs: number;
  pipelineCpuMs: number;
  cpuRatio: number;
  peakRssMb: number;
  /** Resident memory after each quarter of the pipeline replay. */
  rssMbByQuarter: number[];
  /** Live JavaScript heap after a full collection at each quarter: flat when nothing piles up per bar. */
  heapMbByQuarter: number[];
  /**
   * Each function's deliveries and handler time in the pipeline replay; fetchMarketData and generateSignals run in
   * the scan worker thread, beside the others, so the times add up to more than the wall time.
   */
  byFunction: TimeByFunction;
  /**
   * Each message step a symbol-bar takes (write, push delivery, read of MarketBars and of Analysis) against its
   * decision, timed one by one on the replay's windows: the part of the pipeline's cost no scheduling removes.
   */
  messagePath: MessagePathCost;
  signals: { engine: number; pipeline: number };
}

interface BenchSection {
  readonly title: string;
  readonly run: (result: BenchResult) => Promise<string>;
}

function parseArgs(argv: readonly string[]): { json: boolean; quick: boolean; scale?: number } | string {
  const known = new Set(['--json', '--quick']);
  const scaleAt = argv.indexOf('--scale');
  const scale = scaleAt < 0 ? undefined : Number(argv[scaleAt + 1]);
  if (scale !== undefined && !(Number.isInteger(scale) && scale >= 1 && scale <= 20_000))
    return `--scale needs a number of symbols from 1 to 20000, got ${argv[scaleAt + 1] ?? 'nothing'}`;
  const unknown = argv.find((arg, i) => !known.has(arg) && !(scaleAt >= 0 && (i === scaleAt || i === scaleAt + 1)));
  if (unknown !== undefined) return `unknown option ${unknown}`;
  return { json: argv.includes('--json'), quick: argv.includes('--quick'), ...(scale === undefined ? {} : { scale }) };
}

function scaleSection(symbols: number): BenchSection {
  return {
    title: `Full-market daily scan: ${symbols} symbols, first and next day (simulated Alpaca time)`,
    run: async (result) => {
      const scale = await runScaleBench({ symbols }, (line) => process.stderr.write(`${line}\n`));
      result.scale = scale;
      return formatScaleBench(scale);
    },
  };
}

function sections(quick: boolean): BenchSection[] {
  return [
    {
      title: 'Indicators',
      run: async (result) => {
        const rows = await runIndicatorBench(console.log, quick ? { bars: 100_000, runs: 3, warmUps: 1 } : {});
        const cases = Object.fromEntries(rows.map(({ indicator, bars: _bars, ...row }) => [indicator, row]));
        result.indicators = { bars: rows[0]?.bars ?? 0, passed: rows.filter((row) => row.pass).length, cases };
        return formatIndicatorBench(rows);
      },
    },
    {
      title: 'Full analyses of a 365-bar window (one core)',
      run: async (result) => {
        const r = runAnalysisBench(quick ? 1 : undefined);
        result.analysis = r;
        result.analysesPerSecond = r.perSecond;
        return `${r.perSecond.toFixed(0)} analyses/s over ${r.analyses} windows (target ≥ ${r.target}/s): ${r.pass ? 'PASS' : 'FAIL'}`;
      },
    },
    {
      title:
        'Default replay: the engine alone (walk-forward without transport or store), then the pipeline (what npm start runs)',
      run: async (result) => {
        const engine = await runReplayBench();
        const pipeline = await runPipelineReplayBench();
        const messagePath = runMessagePathBench();
        const replay: ReplayComparison = {
          bars: pipeline.steps,
          engineMs: engine.ms,
          pipelineMs: pipeline.ms,
          ratio: pipeline.ms / engine.ms,
          engineCpuMs: engine.cpuMs,
          pipelineCpuMs: pipeline.cpuMs,
          cpuRatio: pipeline.cpuMs / engine.cpuMs,
          peakRssMb: pipeline.peakRssMb,
          rssMbByQuarter: pipeline.rssMbByQuarter,
          heapMbByQuarter: pipeline.heapMbByQuarter,
          byFunction: pipeline.byFunction,
          messagePath,
          signals: { engine: engine.signals, pipeline: pipeline.signals },
        };
        result.replay = replay;
        const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
        const us = (n: number) => `${n.toFixed(0)} µs`;
        return [
          `${engine.symbols.join(', ')}: ${engine.steps} bars decided, ${engine.signals} signals`,
          `engine   ${s(engine.ms)} (cpu ${s(engine.cpuMs)})`,
          `pipeline ${s(pipeline.ms)} (cpu ${s(pipeline.cpuMs)}), ${pipeline.msPerBar.toFixed(2)} ms per bar, ${pipeline.signals} signals`,
          `pipeline/engine ${replay.ratio.toFixed(2)}× wall, ${replay.cpuRatio.toFixed(2)}× cpu (target ≤ 1.5×)`,
          `by function: ${Object.entries(replay.byFunction)
            .map(([name, f]) => `${name} ${s(f.ms)} (${f.deliveries}, ${((f.ms * 1000) / f.deliveries).toFixed(0)} µs each)`)
            .join(', ')}`,
          `message path per symbol-bar: MarketBars write ${us(messagePath.marketBars.writeUs)}, push ${us(messagePath.marketBars.pushUs)}, read ${us(messagePath.marketBars.readUs)}; Analysis write ${us(messagePath.analysis.writeUs)}, push ${us(messagePath.analysis.pushUs)}, read ${us(messagePath.analysis.readUs)}: ${us(messagePath.messagesUs)} in all, ${(messagePath.messagesUs / messagePath.engineUs).toFixed(2)}× the decision (${us(messagePath.engineUs)})`,
          `peak RSS ${replay.peakRssMb.toFixed(0)} MB; after each quarter ${replay.rssMbByQuarter.map((mb) => mb.toFixed(0)).join(' / ')} MB, live heap ${replay.heapMbByQuarter.map((mb) => mb.toFixed(0)).join(' / ')} MB`,
        ].join('\n');
      },
    },
    {
      title: 'npm start: the default replay as a user runs it, from spawn to exit (a store in a temporary directory)',
      run: async (result) => {
        const start = await runStartTime();
        result.start = start;
        return `${(start.ms / 1000).toFixed(2)} s (target < 8 s), ${start.signals} signals, ${start.notifications} notifications`;
      },
    },
  ];
}

/**
 * `npm run bench [-- --json] [-- --quick]`: runs each section in order and prints its table; with `--json`, the
 * last line of stdout is every section's results as one JSON object.
 */
async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`error: ${options}\n\n${USAGE}\n`);
    return 2;
  }
  const result: BenchResult = { machine: { cpus: cpus().length, loadAverageBefore: loadavg() } };
  const all = [...sections(options.quick), ...(options.scale === undefined ? [] : [scaleSection(options.scale)])];
  for (const section of all) {
    console.log(`\n== ${section.title} ==`);
    const started = performance.now();
    console.log(await section.run(result));
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  result.machine.loadAverageAfter = loadavg();
  console.log(
    `\nload average before ${result.machine.loadAverageBefore.map((l) => l.toFixed(1)).join(' ')}, after ${result.machine.loadAverageAfter.map((l) => l.toFixed(1)).join(' ')} on ${result.machine.cpus} cores`,
  );
  if (options.json) console.log(JSON.stringify(result));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
