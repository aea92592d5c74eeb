import { CronExpressionParser } from 'cron-parser';
import type { ScheduleRow } from '../../functions/schedules.js';

/** A Scheduler row's firing times, read as Cloud Scheduler reads them (unix cron in the row's IANA time zone). */
export interface CronSchedule {
  /** The newest firing time at or before `at`. */
  latestAtOrBefore(at: Date): Date;
  /** The first firing time strictly after `at`. */
  nextAfter(at: Date): Date;
}

/** Parses the row's cron expression (a bad one or an unknown time zone throws here, at start). */
export function cronSchedule(row: Pick<ScheduleRow, 'key' | 'cron' | 'timeZone'>): CronSchedule {
  const at = (date: Date) => CronExpressionParser.parse(row.cron, { currentDate: date, tz: row.timeZone });
  const schedule: CronSchedule = {
    latestAtOrBefore: (date) =>
      at(new Date(date.getTime() + 1))
        .prev()
        .toDate(),
    nextAfter: (date) => at(date).next().toDate(),
  };
  try {
    schedule.nextAfter(new Date(0));
  } catch (error) {
    throw new TypeError(
      `schedule "${row.key}": cron "${row.cron}" in ${row.timeZone}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return schedule;
}
