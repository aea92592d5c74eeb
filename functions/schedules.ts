import { maintenanceRequestKind } from '../shared/messages/maintenance-request.js';
import type { MaintenanceTask } from '../shared/messages/maintenance-request.js';
import { TOPICS } from '../shared/messages/topics.js';
import type { TopicName } from '../shared/messages/topics.js';

/**
 * One Cloud Scheduler job: at `cron` in `timeZone` it publishes `payload` on `topic`. Terraform's jobs and the
 * local scheduler of `sentinel run` are both made from these rows; the key is Terraform's resource key.
 */
export interface ScheduleRow {
  readonly key: string;
  readonly description: string;
  /** Unix cron (minute hour day-of-month month day-of-week), as Cloud Scheduler takes it. */
  readonly cron: string;
  /** An IANA time zone, as Cloud Scheduler takes it. */
  readonly timeZone: string;
  readonly topic: TopicName;
  readonly attributes: Readonly<Record<string, string>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A maintenance job: at `cron` (UTC) it asks for `task` on `maintenance`, in the attribute its consumer filters on. */
function maintenanceJob(task: MaintenanceTask, cron: string, description: string): ScheduleRow {
  return {
    key: task,
    description,
    cron,
    timeZone: 'Etc/UTC',
    topic: TOPICS.maintenance,
    attributes: { type: maintenanceRequestKind.type, task },
    payload: { schemaVersion: 1, task },
  };
}

/**
 * The Scheduler jobs: the scan fan-out (DESIGN §1, one ScanRequest per job), and the maintenance tasks: the digests,
 * paper trading's reconciliation and account snapshot, the outbox sweep.
 */
export const SCHEDULES: readonly ScheduleRow[] = [
  {
    key: 'daily-crypto',
    description: 'Daily crypto scan, just after the UTC midnight close of the daily bar',
    cron: '1 0 * * *',
    timeZone: 'Etc/UTC',
    topic: TOPICS.scanRequests,
    attributes: { type: 'scan-request' },
    payload: { schemaVersion: 1, timeframe: '1Day', universe: 'crypto' },
  },
  {
    key: 'daily-equity',
    // 16:15 New York on weekdays, daylight saving included: a quarter of an hour after a regular close, and
    // after an early close (13:00) too. On a holiday the scan finds no new closed bar and logs that it did not.
    description: 'Daily US equity scan, a quarter of an hour after the 16:00 New York session close',
    cron: '15 16 * * 1-5',
    timeZone: 'America/New_York',
    topic: TOPICS.scanRequests,
    attributes: { type: 'scan-request' },
    payload: { schemaVersion: 1, timeframe: '1Day', universe: 'equity' },
  },
  maintenanceJob('daily-digest', '5 0 * * *', 'Daily digest of the UTC day that just ended, to the system route (once per day)'),
  maintenanceJob(
    'weekly-digest',
    '10 0 * * 1',
    'Weekly performance digest of the week (Monday to Sunday, UTC) that just ended (once per week)',
  ),
  maintenanceJob(
    'reconcile',
    '*/15 * * * *',
    'Paper trading: orders and positions at the broker against the trade store (fills, lost, orphans, zombies)',
  ),
  maintenanceJob(
    'outbox-sweep',
    '*/10 * * * *',
    'The outbox sweep: publishes the events a state change wrote and no relay published (DESIGN §3)',
  ),
  maintenanceJob(
    'account-snapshot',
    '55 23 * * *',
    'Paper trading: the daily account snapshot (equity, cash, buying power, positions), at the end of the UTC day',
  ),
];
