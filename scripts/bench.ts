import { runAnalysisBench, runPipelineReplayBench, runReplayBench } from './bench/analysis.js';
import { formatIndicatorBench, runIndicatorBench } from './bench/indicators.js';

/**
 * `npm run bench [-- --json]`: runs each section in order and prints its table; with `--json`, a last
 * line holds every section's raw results as one JSON object keyed by section id.
 */
interface BenchSection {
  readonly id: string;
  readonly title: string;
  readonly run: () => Promise<{ readonly text: string; readonly result: unknown }>;
}

const sections: BenchSection[] = [
  {
    id: 'indicators',
    title: 'Indicators',
    run: async () => {
      const rows = await runIndicatorBench();
      return { text: formatIndicatorBench(rows), result: rows };
    },
  },
  {
    id: 'analysis',
    title: 'Full analyses of a 365-bar window (one core)',
    run: async () => {
      const r = runAnalysisBench();
      const text = `${r.perSecond.toFixed(0)} analyses/s over ${r.analyses} windows (target ≥ ${r.target}/s): ${r.pass ? 'PASS' : 'FAIL'}`;
      return { text, result: r };
    },
  },
  {
    id: 'replay',
    title: 'Default replay, engine only (walk-forward without transport or store)',
    run: async () => {
      const r = runReplayBench();
      const text =
        `${r.symbols.join(', ')}: ${r.steps} bars decided, ${r.signals} signals in ${(r.ms / 1000).toFixed(2)} s ` +
        `(target < ${r.target / 1000} s): ${r.pass ? 'PASS' : 'FAIL'}`;
      return { text, result: r };
    },
  },
  {
    id: 'pipelineReplay',
    title: 'Default replay through the pipeline (what npm start runs)',
    run: async () => {
      const r = await runPipelineReplayBench();
      const text =
        `${r.symbols.join(', ')}: ${r.steps} bars through fetch → generate → persist → notify in ` +
        `${(r.ms / 1000).toFixed(2)} s (${r.msPerBar.toFixed(2)} ms per bar)`;
      return { text, result: r };
    },
  },
];

const results: Record<string, unknown> = {};
for (const section of sections) {
  console.log(`\n== ${section.title} ==`);
  const started = performance.now();
  const { text, result } = await section.run();
  console.log(text);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  results[section.id] = result;
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
