import test from 'ava';
import { SCHEDULES } from '../../../functions/schedules.js';
import { cronSchedule } from '../../../scripts/run/cron-schedule.js';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

test('a UTC row: the newest firing at or before a moment includes the moment itself; the next is strictly after', (t) => {
  const daily = cronSchedule({ key: 'daily', cron: '1 0 * * *', timeZone: 'Etc/UTC' });
  t.is(iso(daily.latestAtOrBefore(at('2024-03-05T00:01:00Z'))), '2024-03-05T00:01:00.000Z');
  t.is(iso(daily.latestAtOrBefore(at('2024-03-05T00:00:59Z'))), '2024-03-04T00:01:00.000Z');
  t.is(iso(daily.nextAfter(at('2024-03-05T00:01:00Z'))), '2024-03-06T00:01:00.000Z');
});

test('a weekday row in New York follows the DST change: 16:30 is 21:30Z on Friday 8 March and 20:30Z on Monday 11 March 2024', (t) => {
  const close = cronSchedule({ key: 'ny', cron: '30 16 * * 1-5', timeZone: 'America/New_York' });
  t.is(iso(close.nextAfter(at('2024-03-08T12:00:00Z'))), '2024-03-08T21:30:00.000Z');
  t.is(iso(close.nextAfter(at('2024-03-08T21:30:00Z'))), '2024-03-11T20:30:00.000Z', 'the weekend is skipped');
  t.is(iso(close.latestAtOrBefore(at('2024-03-10T12:00:00Z'))), '2024-03-08T21:30:00.000Z');
});

test('the equity row of the table fires on weekdays only, at 16:15 New York', (t) => {
  const row = SCHEDULES.find((candidate) => candidate.key === 'daily-equity');
  if (row === undefined) return t.fail('no daily-equity row');
  const equity = cronSchedule(row);
  t.is(
    iso(equity.nextAfter(at('2024-03-08T21:15:00Z'))),
    '2024-03-11T20:15:00.000Z',
    'Monday, after the change to daylight saving',
  );
});

test('a bad cron expression or time zone is refused at once, naming the row', (t) => {
  t.throws(() => cronSchedule({ key: 'bad-minute', cron: '61 0 * * *', timeZone: 'Etc/UTC' }), {
    message: /schedule "bad-minute": cron "61 0 \* \* \*"/,
  });
  t.throws(() => cronSchedule({ key: 'bad-zone', cron: '1 0 * * *', timeZone: 'Mars/Olympus' }), {
    message: /schedule "bad-zone".*Mars\/Olympus/,
  });
});
