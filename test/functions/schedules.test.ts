import test from 'ava';
import { SCHEDULES } from '../../functions/schedules.js';
import { sessionCloseOf } from '../../shared/domain/sessions/bar-close.js';
import { NYSE_CALENDAR } from '../../shared/domain/sessions/equity-calendar.js';
import { newYorkInstant } from '../../shared/domain/sessions/new-york-time.js';

const equity = SCHEDULES.find((row) => row.key === 'daily-equity');

test('the equity scan runs on weekdays at 16:15 New York, daylight saving included', (t) => {
  t.is(equity?.timeZone, 'America/New_York');
  t.is(equity?.cron, '15 16 * * 1-5');
});

test('16:15 New York comes after the close of every session 2013–2030, early closes included', (t) => {
  let sessions = 0;
  for (let ms = Date.UTC(2013, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const close = sessionCloseOf(date);
    if (close === null) continue;
    sessions++;
    t.true(newYorkInstant(date, '16:15') > close, date);
    t.true(NYSE_CALENDAR.session(date) !== null);
  }
  t.true(sessions > 4000);
});
