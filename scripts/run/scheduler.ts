import type { ScheduleRow } from '../../functions/schedules.js';
import { cronSchedule } from './cron-schedule.js';
import type { CronSchedule } from './cron-schedule.js';
import type { JobLedger } from './job-ledger.js';
import type { JobReport, JobRunner } from './job-run.js';

/** The scheduler's time: the system clock, or sinon's fake one in tests (its `setTimeout` moves with `tick`). */
export interface RunClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: RunClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A job's next firing, announced after each round of scans. */
export interface NextRun {
  readonly job: ScheduleRow;
  readonly at: Date;
  /** A retry of a failed scan rather than a scheduled time. */
  readonly retry: boolean;
}

export interface SchedulerOptions {
  readonly rows: readonly ScheduleRow[];
  readonly runner: JobRunner;
  readonly ledger: JobLedger;
  readonly clock: RunClock;
  /** Aborted to stop: the job in flight finishes, no other starts. */
  readonly stop: AbortSignal;
  readonly onReport: (report: JobReport) => void;
  readonly onNext: (next: NextRun) => void;
  /** Wait before a failed job is tried again. */
  readonly retryMs?: number;
  /** Runs the due jobs once and returns (`--once`). */
  readonly once?: boolean;
}

/** What a scheduler run did, for the exit code of `--once`. */
export interface SchedulerResult {
  readonly ran: number;
  readonly failed: number;
}

const DEFAULT_RETRY_MS = 60_000;
/** Longest single wait: the clock is read again at least this often (a suspended laptop, a changed clock). */
const MAX_WAIT_MS = 3_600_000;

/**
 * Publishes the Scheduler rows' messages at their times. A job is due when its newest firing time at or before now
 * is later than the scheduled time of its last successful run (kept in the ledger): after downtime, the newest missed
 * firing runs once; a job that never ran here runs its newest firing at start. A failed job is not recorded and is
 * tried again `retryMs` later (or at its next firing, if sooner).
 */
export async function runScheduler(options: SchedulerOptions): Promise<SchedulerResult> {
  const { clock, ledger, stop } = options;
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const jobs = options.rows.map((row) => ({ row, schedule: cronSchedule(row) }));
  const retryAt = new Map<string, number>();
  const result = { ran: 0, failed: 0 };
  let announced = '';
  while (!stop.aborted) {
    const now = new Date(clock.now());
    const due = jobs
      .map((job) => ({ ...job, at: job.schedule.latestAtOrBefore(now) }))
      .filter(({ row, at }) => isDue(ledger.lastRun(row.key), at) && (retryAt.get(row.key) ?? -Infinity) <= now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const { row, at } of due) {
      if (stop.aborted) break;
      const report = recorded(await options.runner.run(row, at), () => ledger.recordRun(row.key, at, new Date(clock.now())));
      result.ran++;
      if (report.failure === undefined) {
        retryAt.delete(row.key);
      } else {
        result.failed++;
        retryAt.set(row.key, clock.now() + retryMs);
      }
      options.onReport(report);
    }
    if (options.once || stop.aborted) break;
    const next = nextRun(jobs, retryAt, new Date(clock.now()));
    const key = `${next.job.key}@${next.at.getTime()}`;
    if (key !== announced) options.onNext(next);
    announced = key;
    await sleep(clock, Math.min(MAX_WAIT_MS, Math.max(0, next.at.getTime() - clock.now())), stop);
  }
  return result;
}

/** Records a successful job; a record that cannot be written makes it a failure, so it runs again (idempotently). */
function recorded(report: JobReport, record: () => void): JobReport {
  if (report.failure !== undefined) return report;
  try {
    record();
    return report;
  } catch (error) {
    return {
      ...report,
      failure: `scanned, but the run could not be recorded (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

function isDue(lastRun: Date | undefined, latest: Date): boolean {
  return lastRun === undefined || latest.getTime() > lastRun.getTime();
}

function nextRun(
  jobs: readonly { row: ScheduleRow; schedule: CronSchedule }[],
  retryAt: ReadonlyMap<string, number>,
  now: Date,
): NextRun {
  const candidates = jobs.map(({ row, schedule }): NextRun => {
    const scheduled = schedule.nextAfter(now);
    const retry = retryAt.get(row.key);
    return retry !== undefined && retry < scheduled.getTime()
      ? { job: row, at: new Date(retry), retry: true }
      : { job: row, at: scheduled, retry: false };
  });
  return candidates.reduce((a, b) => (b.at.getTime() < a.at.getTime() ? b : a));
}

function sleep(clock: RunClock, ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clock.clearTimeout(handle);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const handle = clock.setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
  });
}
