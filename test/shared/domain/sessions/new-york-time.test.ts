import test from 'ava';
import { formattedWallClock, newYorkWallClock } from '../../../../shared/domain/sessions/new-york-time.js';

// The reference: `Intl`'s reading of each instant on its own, with no memo of the zone's offset.
const expected = formattedWallClock;

test('the wall clock matches Intl around every daylight-saving change of 2023-2025, second by second near each', (t) => {
  const changes = [
    '2023-03-12T07:00:00Z',
    '2023-11-05T06:00:00Z',
    '2024-03-10T07:00:00Z',
    '2024-11-03T06:00:00Z',
    '2025-03-09T07:00:00Z',
    '2025-11-02T06:00:00Z',
  ];
  for (const change of changes) {
    const at = Date.parse(change);
    for (let ms = at - 2 * 3_600_000; ms <= at + 2 * 3_600_000; ms += 997)
      t.deepEqual(newYorkWallClock(ms), expected(ms), new Date(ms).toISOString());
  }
});

test('the wall clock matches Intl across two centuries, before 1970 and at the 1883 change from local mean time', (t) => {
  const start = Date.UTC(1900, 0, 1);
  const end = Date.UTC(2100, 0, 1);
  for (let i = 0; i < 20_000; i++) {
    // A fixed stride through the range, with milliseconds, so every hour of the day and both offsets are met.
    const ms = start + Math.floor(((end - start) / 20_000) * i) + (i % 1000);
    t.deepEqual(newYorkWallClock(ms), expected(ms), new Date(ms).toISOString());
  }
  const lmtChange = Date.parse('1883-11-18T17:00:00Z');
  for (const ms of [lmtChange - 3_600_000, lmtChange - 1, lmtChange, lmtChange + 1234])
    t.deepEqual(newYorkWallClock(ms), expected(ms));
});
