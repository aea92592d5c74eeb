import test from 'ava';
import { getHolidays } from 'nyse-holidays';
import { closureReason, listedCalendar, NYSE_CALENDAR } from '../../../../shared/domain/sessions/equity-calendar.js';
import { SPECIAL_CLOSURES } from '../../../../shared/domain/sessions/nyse-rules.js';

const FIRST_YEAR = 2013;
const LAST_YEAR = 2035;

function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000)
    dates.push(new Date(ms).toISOString().slice(0, 10));
  return dates;
}

const isWeekday = (date: string): boolean => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

test(`every weekday holiday ${FIRST_YEAR}–${LAST_YEAR} agrees with nyse-holidays (special closures aside)`, (t) => {
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const expected = getHolidays(year)
      .map((holiday) => holiday.dateString)
      .filter(isWeekday)
      .sort();
    const closed = datesOf(year).filter(
      (date) => isWeekday(date) && NYSE_CALENDAR.session(date) === null && !Object.hasOwn(SPECIAL_CLOSURES, date),
    );
    t.deepEqual(closed, expected, `${year}`);
  }
});

test('the special closures of the bundled history are closed, with their reason', (t) => {
  t.is(NYSE_CALENDAR.session('2018-12-05'), null);
  t.is(NYSE_CALENDAR.session('2025-01-09'), null);
  t.is(closureReason('2025-01-09'), 'National Day of Mourning (Jimmy Carter)');
  t.is(closureReason('2024-12-25'), 'Christmas Day');
  t.is(closureReason('2024-12-28'), 'weekend');
  t.is(closureReason('2024-12-27'), null);
});

// Hand-checked against the NYSE's published holiday and early-close notices for each year.
const KNOWN_EARLY_CLOSES: Readonly<Record<number, readonly string[]>> = {
  2013: ['2013-07-03', '2013-11-29', '2013-12-24'],
  2014: ['2014-07-03', '2014-11-28', '2014-12-24'],
  2015: ['2015-11-27', '2015-12-24'],
  2016: ['2016-11-25'],
  2017: ['2017-07-03', '2017-11-24'],
  2018: ['2018-07-03', '2018-11-23', '2018-12-24'],
  2019: ['2019-07-03', '2019-11-29', '2019-12-24'],
  2020: ['2020-11-27', '2020-12-24'],
  2021: ['2021-11-26'],
  2022: ['2022-11-25'],
  2023: ['2023-07-03', '2023-11-24'],
  2024: ['2024-07-03', '2024-11-29', '2024-12-24'],
  2025: ['2025-07-03', '2025-11-28', '2025-12-24'],
  2026: ['2026-11-27', '2026-12-24'],
  2027: ['2027-11-26'],
  2028: ['2028-07-03', '2028-11-24'],
  2029: ['2029-07-03', '2029-11-23', '2029-12-24'],
  2030: ['2030-07-03', '2030-11-29', '2030-12-24'],
};

for (const [year, expected] of Object.entries(KNOWN_EARLY_CLOSES)) {
  test(`early closes of ${year} are exactly the known ones, at 13:00`, (t) => {
    const early = datesOf(Number(year)).filter((date) => NYSE_CALENDAR.session(date)?.close === '13:00');
    t.deepEqual(early, [...expected]);
    const regular = datesOf(Number(year))
      .map((date) => NYSE_CALENDAR.session(date)?.close)
      .filter((close) => close !== undefined && close !== '13:00');
    t.true(regular.every((close) => close === '16:00'));
  });
}

test('a listed calendar answers from its list inside its range and from the rules outside it', (t) => {
  const calendar = listedCalendar(
    [
      { date: '2030-06-03', close: '16:00' },
      { date: '2030-06-05', close: '12:00' },
    ],
    '2030-06-03',
    '2030-06-05',
  );
  t.deepEqual(calendar.session('2030-06-03'), { date: '2030-06-03', close: '16:00' });
  t.is(calendar.session('2030-06-04'), null, 'a weekday missing from the list is closed (an unscheduled closure)');
  t.deepEqual(calendar.session('2030-06-05'), { date: '2030-06-05', close: '12:00' });
  t.deepEqual(calendar.session('2030-06-06'), { date: '2030-06-06', close: '16:00' }, 'outside: the bundled rules');
});
