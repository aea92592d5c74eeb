import { ENGINE_PARAMS } from '../../functions/generate-signals/candidates/params.js';
import { validateBars } from '../../functions/generate-signals/bars.js';
import { finishLocalRun } from '../local/local-run-notifications.js';
import { RULES_VERSION } from '../../shared/domain/signal.js';
import { ConfigError } from '../../shared/errors/errors.js';
import { readBundledBars } from '../../shared/market-data/bundled-bars.js';
import { openLocalRuntime } from '../pipeline/local-runtime.js';
import { parseReplayOptions, USAGE, UsageError } from './cli-options.js';
import type { ReplayOptions } from './cli-options.js';
import { decisionSteps } from './decision-times.js';
import { formatPatternTable, formatSignals } from './format.js';
import { withAccountSnapshots } from './account-snapshots.js';
import { replayMoments, replayThroughPipeline } from './pipeline-replay.js';
import type { ScanWorkerThread } from './scan-worker.js';
import { createProgress } from './progress.js';
import { summarizeSignals } from './summary.js';
import { writeLocalReport } from '../report/write-report.js';
import { formatPaperAccount, paperAccountHtml } from './paper-account-html.js';
import { paperAccount } from '../../shared/trading/paper-account.js';

/** Exit code when the store was written under older lifecycle rules (EX_DATAERR). */
const OLDER_RULES_EXIT = 65;

/** One stderr line per Discord post, numbered: the progress of `--discord`. */
function discordProgress(): (notification: { readonly type: string; readonly symbol: string; readonly route: string }) => void {
  let posted = 0;
  return ({ type, symbol, route }) => {
    posted++;
    process.stderr.write(`discord #${posted}: ${type} ${symbol} → ${route}\n`);
  };
}

async function run(options: ReplayOptions, scanThread: ScanWorkerThread | undefined): Promise<number> {
  const started = performance.now();
  const runtime = await openLocalRuntime({
    reset: options.reset,
    cooldownScope: options.cooldownScope,
    ...(options.json ? {} : { notificationStream: process.stdout }),
    ...(options.discord ? { discord: { onPosted: discordProgress() } } : {}),
  });
  let stop = false;
  const onSignal = () => {
    stop = true;
    process.stderr.write('\nstopping after the bar in flight…\n');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const older = (await runtime.store.listSignals()).filter((signal) => signal.rulesVersion < RULES_VERSION);
    if (older.length > 0) {
      process.stderr.write(
        `The store ${runtime.config.store.sqlitePath} holds ${older.length} signals decided under lifecycle rules version ` +
          `${Math.min(...older.map((signal) => signal.rulesVersion))}; this is version ${RULES_VERSION}, and a replay on top of ` +
          'them would mix two rule sets. Run `npm start -- --reset` to replay from an empty store.\n',
      );
      return OLDER_RULES_EXIT;
    }
    const series = options.series.map((s) => {
      const bars = readBundledBars(s);
      validateBars(bars, s.file);
      return { symbol: s.symbol, assetClass: s.assetClass, bars };
    });
    const steps = decisionSteps(series, options.timeframe, { ...options, minBars: ENGINE_PARAMS.minBars });
    const progress = createProgress(
      `replay ${options.series.map((s) => s.symbol).join(', ')} ${options.timeframe}`,
      process.stderr,
    );
    const result = await replayThroughPipeline(runtime.bus, options.timeframe, steps, {
      // The scan of later moments runs in a worker thread on the other core while this one applies the earlier.
      moments: withAccountSnapshots(
        replayMoments(
          { storePath: runtime.storePath, timeframe: options.timeframe, steps, logging: runtime.logging },
          scanThread,
        ),
        steps,
        {
          closedSoFar: () => runtime.observed.events.get('trade.closed')?.size ?? 0,
          opening: (await runtime.trades.listAccountSnapshots(1)).length === 0,
        },
      ),
      onProgress: progress.update,
      shouldStop: () => stop,
    });
    const account = paperAccount(await runtime.trades.listPositions(), runtime.config.simulation.startingEquityUsd);
    const finished = await finishLocalRun({
      sectionHtml: paperAccountHtml(account),
      store: runtime.store,
      sink: runtime.sink,
      testMode: runtime.config.testMode,
      digest: !result.interrupted,
      eventData: [...runtime.observed.events.values()].flatMap((ids) => [...ids]),
      ...(runtime.outboxPath ? { outboxPath: runtime.outboxPath } : {}),
    });
    if (finished.html) process.stderr.write(`outbox: ${finished.html.messages} messages → ${finished.html.path}\n`);
    // A run that archived nothing still gets a report: touching the warehouse creates its tables and views.
    await runtime.warehouse.query('SELECT 1');
    await runtime.warehouse.close();
    const report = await writeLocalReport(runtime.analyticsPath, {});
    const signals = (
      await Promise.all(options.series.map((s) => runtime.store.listSignals({ symbol: s.symbol, timeframe: options.timeframe })))
    ).flat();
    const { observed } = runtime;
    const events = Object.fromEntries([...observed.events].map(([type, ids]) => [type, ids.size]));
    const summary = {
      symbols: options.series.map((s) => s.symbol),
      timeframe: options.timeframe,
      bars: result.symbolSteps,
      ...summarizeSignals(signals, RULES_VERSION),
      newSignals: events['signal.created'] ?? 0,
      rejected: events['signal.rejected'] ?? 0,
      events,
      notifications: observed.notifications,
      deadLetters: observed.deadLetters.size,
      paperAccount: { ...account, curve: account.curve.length },
      interrupted: result.interrupted,
      durationMs: Math.round(performance.now() - started),
    };
    progress.done(`${result.steps} moments, ${result.symbolSteps} bars decided${result.interrupted ? ' (interrupted)' : ''}`);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      process.stderr.write(`report: ${report.path}\n`);
      return result.interrupted ? 130 : 0;
    }
    process.stdout.write(`\nSignals (${signals.length})\n${formatSignals(signals)}\n`);
    process.stdout.write(`\nBy pattern\n${formatPatternTable(summary)}\n`);
    process.stdout.write(`\n${formatPaperAccount(account)}\n`);
    const outcomes = Object.entries(summary.outcomes)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ');
    process.stdout.write(
      `\n${summary.bars} bars decided; this run: ${summary.newSignals} new signals, ` +
        `${Object.values(events).reduce((a, b) => a + b, 0)} events, ${summary.notifications} notifications, ` +
        `${summary.deadLetters} dead letters. Store: ${summary.signals} signals (${outcomes || 'none'}). ` +
        `${(summary.durationMs / 1000).toFixed(1)} s\n`,
    );
    process.stdout.write(`\nPerformance report (charts): ${report.path}   (npm run sentinel -- report for the tables)\n`);
    return result.interrupted ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await runtime.close();
  }
}

/** `npm start`: `scanThread`, when given, is a scan worker started ahead (on a second core) for the replay. */
export async function main(argv: readonly string[], scanThread?: ScanWorkerThread): Promise<number> {
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
  try {
    return await run(options, scanThread);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`configuration error:\n${error.message}\n`);
    return 78;
  }
}
