import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlpacaApis } from '../../../shared/market-data/alpaca-apis.js';
import { fetchAlpacaSessions } from '../../../shared/market-data/calendar/alpaca-calendar.js';
import { createReplaySource } from '../../../shared/market-data/replay-source.js';
import { openSqliteSessionCalendarCache } from '../../../shared/store/sqlite-session-calendar.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { KEYS, barsOf, bundled, hits, sourceFor } from './alpaca-fixture.js';

// A scripted unscheduled early close: Alpaca's calendar says the 2020-08-27 session closed at 12:00 New York.
const WEEK = [
  { date: '2020-08-24', close: '16:00' },
  { date: '2020-08-25', close: '16:00' },
  { date: '2020-08-26', close: '16:00' },
  { date: '2020-08-27', close: '12:00' },
  { date: '2020-08-28', close: '16:00' },
];
const ASOF = new Date('2020-08-27T16:30:00Z'); // 12:30 New York
const request = { symbols: ['SPY'], timeframe: '1Day', asOf: ASOF, lookbackBars: 365 } as const;

test('the Alpaca path reads /v2/calendar through the SDK: a bar closes at the close Alpaca gives, not the bundled 16:00', async (t) => {
  const server = await startAlpacaServer({ crypto: {}, stocks: { SPY: bundled('SPY') }, calendar: WEEK });
  t.teardown(() => server.close());
  const { source } = sourceFor(server);
  const alpaca = barsOf(await source.closedBars(request), 'SPY');
  t.is(alpaca.at(-1)?.timestamp, '2020-08-27T00:00:00Z', 'closed at 12:00 New York per Alpaca');
  const bundledRules = barsOf(await createReplaySource().closedBars(request), 'SPY');
  t.is(bundledRules.at(-1)?.timestamp, '2020-08-26T00:00:00Z', 'the bundled rules still wait for 16:00');
  const calendarRequests = server.requests.filter((r) => r.endpoint === 'calendar');
  t.is(calendarRequests.length, 1);
  t.true(calendarRequests[0].keys, 'with the API keys, as every trading route');
  t.is(calendarRequests[0].status, 200);
  t.regex(calendarRequests[0].query.get('start') ?? '', /^2020-07-28/);
  t.regex(calendarRequests[0].query.get('end') ?? '', /^2020-09-26/);
});

test('the wire format: trading days only, early closes at 13:00, holidays absent', async (t) => {
  const server = await startAlpacaServer({ crypto: {}, stocks: {} });
  t.teardown(() => server.close());
  const apis = createAlpacaApis({ ...KEYS, dataBaseUrl: server.url, tradingBaseUrl: `${server.url}/v2`, fetchApi: fetch });
  const days = await fetchAlpacaSessions(apis.calendar, '2024-07-01', '2024-07-08');
  t.deepEqual(days, [
    { date: '2024-07-01', close: '16:00' },
    { date: '2024-07-02', close: '16:00' },
    { date: '2024-07-03', close: '13:00' },
    { date: '2024-07-05', close: '16:00' },
    { date: '2024-07-08', close: '16:00' },
  ]);
});

test('the calendar is remembered in the store: a second instance does not ask Alpaca again', async (t) => {
  const server = await startAlpacaServer({ crypto: {}, stocks: { SPY: bundled('SPY') }, calendar: WEEK });
  t.teardown(() => server.close());
  const path = join(mkdtempSync(join(tmpdir(), 'sentinel-calendar-')), 's.db');
  const cache = openSqliteSessionCalendarCache({ path, environment: 'dev' });
  const now = () => new Date('2020-08-27T16:30:00Z');
  await sourceFor(server, { calendarCache: cache, now }).source.closedBars(request);
  t.is(hits(server, 'calendar'), 1);
  t.deepEqual(
    (await cache.getSessions())?.days.find((day) => day.date === '2020-08-27'),
    { date: '2020-08-27', close: '12:00' },
  );
  const second = sourceFor(server, { calendarCache: openSqliteSessionCalendarCache({ path, environment: 'dev' }), now });
  t.is(barsOf(await second.source.closedBars(request), 'SPY').at(-1)?.timestamp, '2020-08-27T00:00:00Z');
  t.is(hits(server, 'calendar'), 1, 'the remembered sessions served');
});

test('a calendar Alpaca cannot give falls back to the bundled rules with a warning; the scan goes on', async (t) => {
  const server = await startAlpacaServer({
    crypto: {},
    stocks: { SPY: bundled('SPY') },
    calendar: WEEK,
    faults: [{ endpoint: 'calendar', kind: 'server-error', times: 4 }],
  });
  t.teardown(() => server.close());
  const { source, capture } = sourceFor(server);
  t.is(barsOf(await source.closedBars(request), 'SPY').at(-1)?.timestamp, '2020-08-26T00:00:00Z');
  t.regex(capture.text(), /Alpaca calendar request failed: HTTP 500.*using the bundled NYSE calendar/);
});
