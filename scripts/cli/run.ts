import { makeFolderOf } from '../../shared/store/sqlite-folder.js';
import { SCHEDULES } from '../../functions/schedules.js';
import type { ScheduleRow } from '../../functions/schedules.js';
import { loadConfig } from '../../shared/config/index.js';
import { REPLAY_NOTICE } from '../pipeline/local-market-data.js';
import { openLocalRuntime } from '../pipeline/local-runtime.js';
import type { LocalRuntime } from '../pipeline/local-runtime.js';
import { openJobLedger } from '../run/job-ledger.js';
import type { JobLedger } from '../run/job-ledger.js';
import { assertRunnable, createJobRunner } from '../run/job-run.js';
import { formatJobLine, formatNextLine, formatWhen } from '../run/run-report.js';
import { acquireRunLock, StoreLockedError } from '../run/run-lock.js';
import type { RunLock } from '../run/run-lock.js';
import { runScheduler, SYSTEM_CLOCK } from '../run/scheduler.js';
import type { RunClock } from '../run/scheduler.js';
import type { CliIo, Command } from './io.js';
import { assertLocalStore } from './local-only.js';
import { parseCommandArgs } from './parse.js';

/** Exit codes of `run` beyond the shared ones: 128 + the signal, a held lock, a failed scan of `--once`. */
export const RUN_EXIT = { SIGINT: 130, SIGTERM: 143, locked: 75, scanFailed: 69 } as const;

type StopSignal = 'SIGINT' | 'SIGTERM';

/** Where stop signals come from: the process, or an emitter in tests. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

/** What `run` takes from its surroundings; tests pass a fake clock, their own rows and signal source. */
export interface RunDeps {
  readonly clock?: RunClock;
  readonly rows?: readonly ScheduleRow[];
  /** Instead of SQLITE_PATH (the configuration is read once per process). */
  readonly storePath?: string;
  readonly signals?: SignalSource;
  /** A second Ctrl-C quits at once, without finishing the scan in flight. */
  readonly exitNow?: (code: number) => void;
}

/**
 * `run [--once]`: the live system on this machine. The functions on the in-process bus and SQLite, the Scheduler
 * rows published at their times, market data from Alpaca when configured, Discord when a webhook is configured.
 */
export function runCommand(deps: RunDeps = {}): Command {
  return async (argv, io) => {
    const { values } = parseCommandArgs('run', {
      args: [...argv],
      options: { once: { type: 'boolean', default: false } },
    });
    const rows = deps.rows ?? SCHEDULES;
    assertRunnable(rows);
    const config = loadConfig();
    assertLocalStore(config);
    const storePath = deps.storePath ?? config.store.sqlitePath;
    const onDisk = storePath !== ':memory:';
    let lock: RunLock | undefined;
    try {
      if (onDisk) makeFolderOf(storePath);
      lock = onDisk ? acquireRunLock(storePath, new Date((deps.clock ?? SYSTEM_CLOCK).now())) : undefined;
    } catch (error) {
      if (!(error instanceof StoreLockedError)) throw error;
      io.err.write(`error: ${error.message}\n`);
      return RUN_EXIT.locked;
    }
    // A second signal exits at once; the lock goes with the process.
    const releaseOnExit = () => lock?.release();
    process.once('exit', releaseOnExit);
    try {
      return await runLocked({ ...deps, rows, storePath, once: values.once }, io);
    } finally {
      process.off('exit', releaseOnExit);
      lock?.release();
    }
  };
}

export const run: Command = runCommand();

async function runLocked(
  options: RunDeps & { rows: readonly ScheduleRow[]; storePath: string; once: boolean },
  io: CliIo,
): Promise<number> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const signals = options.signals ?? process;
  const stop = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (stoppedBy !== undefined) return (options.exitNow ?? process.exit)(RUN_EXIT[stoppedBy]);
      stoppedBy = name;
      io.err.write(`\n${name}: stopping after the scan in flight (send it again to quit at once)…\n`);
      stop.abort();
    };
    signals.on(name, handler);
    return { name, handler };
  });
  try {
    const config = loadConfig();
    const runtime = await openLocalRuntime({
      storePath: options.storePath,
      marketData: 'configured',
      broker: 'configured',
      notificationStream: io.out,
      discord: { choice: 'when-configured' },
    });
    let ledger: JobLedger | undefined;
    try {
      ledger = openJobLedger(options.storePath, config.environment);
      await runtime.market.verifyKeys();
      io.out.write(banner(runtime, options, ledger.lastRun));
      const runner = createJobRunner(runtime);
      const byKey = new Map(options.rows.map((row) => [row.key, row]));
      const result = await runScheduler({
        rows: options.rows,
        runner,
        ledger,
        clock,
        stop: stop.signal,
        once: options.once,
        onReport: (report) =>
          io.out.write(`${formatJobLine(report, byKey.get(report.job) ?? { timeZone: 'Etc/UTC' }, options.once)}\n`),
        onNext: (next) => io.out.write(`${formatNextLine(next, new Date(clock.now()))}\n`),
      });
      if (stoppedBy !== undefined) {
        io.err.write(`stopped (${stoppedBy}).\n`);
        return RUN_EXIT[stoppedBy];
      }
      if (options.once && result.ran === 0) io.out.write('nothing due: every job has run for its latest scheduled time.\n');
      return result.failed > 0 ? RUN_EXIT.scanFailed : 0;
    } finally {
      ledger?.close();
      await runtime.close();
    }
  } finally {
    for (const { name, handler } of handlers) signals.off(name, handler);
  }
}

function banner(
  runtime: LocalRuntime,
  { rows, storePath }: { rows: readonly ScheduleRow[]; storePath: string },
  lastRun: (job: string) => Date | undefined,
): string {
  const { config } = runtime;
  const market =
    runtime.market.kind === 'alpaca'
      ? `market data: Alpaca (${config.marketData.dataBaseUrl}, ${config.marketData.dataFeed} feed; ${config.marketData.rateLimitPerMinute} requests/min at most)`
      : REPLAY_NOTICE;
  const sink =
    runtime.outboxPath === undefined
      ? `notifications: Discord (${config.testMode ? 'TEST_MODE=true: every message to TEST_DISCORD_WEBHOOK' : 'the live channels'})`
      : `notifications: console and ${runtime.outboxPath} (set TEST_DISCORD_WEBHOOK to post to Discord)`;
  const jobs = rows.map((row) => {
    const last = lastRun(row.key);
    return `  ${row.key.padEnd(14)} "${row.cron}" ${row.timeZone}; last run ${last === undefined ? 'never' : formatWhen(last, row.timeZone)}`;
  });
  return [
    `Crypto Sentinel running on this machine: ENVIRONMENT=${config.environment}, store ${storePath}`,
    market,
    sink,
    'schedule:',
    ...jobs,
    'Ctrl-C stops after the scan in flight.',
    '',
  ].join('\n');
}
