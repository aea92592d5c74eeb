import test from 'ava';
import { SCHEDULES } from '../../../functions/schedules.js';
import type { ScheduleRow } from '../../../functions/schedules.js';
import { assertRunnable, jobRequestId } from '../../../scripts/run/job-run.js';
import { DecodeError } from '../../../shared/errors/errors.js';

const row = (overrides: Partial<ScheduleRow>): ScheduleRow => ({ ...SCHEDULES[0], ...overrides });

test('every Scheduler row of the table builds its message', (t) => {
  t.notThrows(() => assertRunnable(SCHEDULES));
});

test('a row whose payload does not decode, or whose topic has no message kind, is refused at start naming the row', (t) => {
  const badPayload = row({ key: 'typo', payload: { schemaVersion: 1, timeframe: '1D', universe: 'crypto' } });
  const error = t.throws(() => assertRunnable([badPayload]), { instanceOf: DecodeError });
  t.regex(error.message, /schedule "typo"/);
  t.regex(error.message, /timeframe/);
  t.throws(() => assertRunnable([row({ key: 'nowhere', topic: 'events' })]), {
    message: /schedule "nowhere": topic "events" has no message kind/,
  });
});

test('the request id of a run is its job and scheduled time: the same run is the same request', (t) => {
  t.is(jobRequestId('daily-crypto', new Date('2024-03-05T00:01:00Z')), 'daily-crypto@2024-03-05T00:01:00Z');
  t.not(
    jobRequestId('daily-crypto', new Date('2024-03-06T00:01:00Z')),
    jobRequestId('daily-crypto', new Date('2024-03-05T00:01:00Z')),
  );
});
