import { validateBars } from '../functions/generate-signals/bars.js';
import { readBundledBars } from '../shared/market-data/bundled-bars.js';
import { parseReplayOptions, USAGE, UsageError } from './replay/cli-options.js';
import { formatPatternTable, formatSignals } from './replay/format.js';
import { createProgress } from './replay/progress.js';
import { summarize } from './replay/summary.js';
import { walkForward } from './replay/walk-forward.js';

function main(argv: readonly string[]): number {
  let options;
  try {
    options = parseReplayOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const results = options.series.map((series) => {
    const bars = readBundledBars(series);
    validateBars(bars, series.file);
    const progress = createProgress(`${series.symbol} ${series.timeframe}`, process.stderr);
    const result = walkForward(series, bars, { ...options, onProgress: progress.update });
    progress.done(`${result.steps} bars, ${result.signals.length} signals, ${result.rejected.length} rejected`);
    return result;
  });
  const summary = summarize(results, options.timeframe, performance.now() - started);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  const signals = results.flatMap((r) => r.signals);
  process.stdout.write(`\nSignals (${signals.length})\n${formatSignals(signals)}\n`);
  process.stdout.write(`\nBy pattern\n${formatPatternTable(summary)}\n`);
  const outcomes = Object.entries(summary.outcomes).map(([status, n]) => `${status} ${n}`).join(', ');
  process.stdout.write(
    `\n${summary.bars} bars decided, ${summary.signals} signals (${outcomes}), ${summary.rejected} rejected, ` +
      `in ${(summary.durationMs / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
