import type { ScheduleRow } from '../../functions/schedules.js';
import type { JobReport } from './job-run.js';
import type { NextRun } from './scheduler.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `2024-03-08 21:30 UTC`, and the row's own wall time when its zone is not UTC: `(16:30 America/New_York)`. */
export function formatWhen(at: Date, timeZone = 'Etc/UTC'): string {
  const utc = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const zoned = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const isUtc = zoned === at.toISOString().slice(11, 16);
  return isUtc ? utc : `${utc} (${zoned} ${timeZone})`;
}

/**
 * The one line of a job: what the scan fetched and what the pipeline made of it, or why it failed and when it is
 * tried again (the next tick; with `--once`, the next run).
 */
export function formatJobLine(report: JobReport, row: Pick<ScheduleRow, 'timeZone'>, once = false): string {
  const head = `${formatWhen(report.scheduledAt, row.timeZone)} ${report.job}`;
  const market =
    report.topic === 'scan-requests'
      ? `${plural(report.symbols, 'symbol')}, ${plural(report.bars, 'bar')} fetched, ${plural(report.alpacaRequests, 'Alpaca request')}, `
      : '';
  const pipeline =
    `${plural(report.analyses, 'analysis', 'analyses')}, ${plural(report.newSignals, 'new signal')}, ${plural(report.events, 'event')}, ` +
    `${plural(report.notifications, 'notification')}, ${plural(report.deadLetters, 'dead letter')}`;
  const took = `${(report.durationMs / 1000).toFixed(1)} s`;
  if (report.failure !== undefined)
    return `${head} FAILED: ${report.failure} (${market}${pipeline}; ${took}); ${once ? 'not tried again by --once: the next run tries it' : 'tried again at the next tick'}`;
  return `${head}: ${market}${pipeline} (${took})`;
}

/** The line after a round of scans: which job runs next, and when. */
export function formatNextLine(next: NextRun, now: Date): string {
  const minutes = Math.max(0, Math.round((next.at.getTime() - now.getTime()) / 60_000));
  const wait = minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `next scan: ${next.job.key}${next.retry ? ' (retry)' : ''} at ${formatWhen(next.at, next.job.timeZone)}, in ${wait}`;
}
