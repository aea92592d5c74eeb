import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { dailyPeriod, weeklyPeriod } from '../../../functions/notify-discord/digest/digest-period.js';
import { digestEventId } from '../../../functions/notify-discord/digest/build-digest.js';
import { createPostDigest } from '../../../functions/notify-discord/digest/post-digest.js';
import type { Notification, NotificationSink } from '../../../functions/notify-discord/notification-sink.port.js';
import { createDuckDbWarehouse } from '../../../shared/analytics/duckdb-warehouse.js';
import { factsOf, mergeBatches } from '../../../shared/analytics/facts.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { maintenanceRequestKind } from '../../../shared/messages/maintenance-request.js';
import type { MaintenanceRequest } from '../../../shared/messages/maintenance-request.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { SCHEDULES } from '../../../functions/schedules.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { bookEvents, createdEventOf, lifecycleEventOf } from '../../shared/analytics/analytics-events.js';
import { captureLogger } from '../../shared/log/capture.js';

// The book's BULLISH_HAMMER signals close on 2024-04-01 (-0.5 R) and 2024-04-03 (+1.5 R); one more
// BULLISH_ENGULFING closes on 2024-04-04 at -1 R. The week of Monday 2024-04-01: 3 signals, 1 win (33 %),
// expectancy 0, best pattern BULLISH_HAMMER (+0.50 R), worst BULLISH_ENGULFING (-1.00 R).
const LATE_LOSER = { bar: '2024-04-01T00:00:00.000Z', barsHeld: 2, rNet: -1, symbol: 'ETH/USD' } as const;

async function setup(t: ExecutionContext) {
  const folder = mkdtempSync(join(tmpdir(), 'post-digest-'));
  const warehouse = createDuckDbWarehouse({ path: join(folder, 'analytics.duckdb'), idleMs: 5 });
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(async () => {
    await warehouse.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const events = [
    ...bookEvents(),
    createdEventOf(LATE_LOSER) as unknown as Record<string, unknown>,
    lifecycleEventOf(LATE_LOSER),
  ];
  await warehouse.append(mergeBatches(events.map((e) => factsOf(e, '2024-04-05T00:00:00.000Z'))));
  const sent: Notification[] = [];
  const sink: NotificationSink = {
    channel: 'system-test',
    send: async (notification) => {
      sent.push(notification);
      return { messageId: String(sent.length) };
    },
  };
  const now = '2024-04-08T00:10:00.000Z';
  const handler = createPostDigest({
    bus: new InProcessBus(),
    log: captureLogger().logger,
    now: () => new Date(now),
    maxEventAgeMs: 3_600_000,
    warehouse,
    store,
    sink,
    testMode: true,
  });
  const trigger = (request: MaintenanceRequest) => handler(pushEventFor(maintenanceRequestKind, request, { publishTime: now }));
  return { sent, trigger };
}

test('periods: the last complete UTC day and Monday-to-Sunday week before asOf, each with one id', (t) => {
  t.like(dailyPeriod('2024-04-04T00:05:00Z'), { start: '2024-04-03', end: '2024-04-04', eventId: digestEventId('2024-04-03') });
  t.is(dailyPeriod('2024-04-04T23:59:00Z').eventId, dailyPeriod('2024-04-04T00:00:00Z').eventId);
  t.like(weeklyPeriod('2024-04-08T00:10:00Z'), { start: '2024-04-01', end: '2024-04-08' });
  t.like(
    weeklyPeriod('2024-04-14T23:00:00Z'),
    { start: '2024-04-01', end: '2024-04-08' },
    'Sunday still reports the week before',
  );
  t.not(weeklyPeriod('2024-04-08T00:00:00Z').eventId, dailyPeriod('2024-04-08T00:00:00Z').eventId);
});

test('the weekly digest: win rate, expectancy, best and worst pattern from the views, posted once per week', async (t) => {
  const { sent, trigger } = await setup(t);
  await trigger({ schemaVersion: 1, task: 'weekly-digest' });
  await trigger({ schemaVersion: 1, task: 'weekly-digest', asOf: '2024-04-10T00:00:00Z' });
  t.is(sent.length, 1, 'the same week twice: one post');
  const [digest] = sent;
  t.is(digest.eventId, weeklyPeriod('2024-04-08T00:00:00Z').eventId);
  t.is(digest.route, 'test');
  t.regex(digest.title, /Weekly performance · 2024-04-01 – 2024-04-07/);
  t.regex(digest.text, /3 signals closed: win rate 33 %, expectancy \+0\.00 R per signal/);
  t.regex(digest.text, /Best pattern: .*Hammer.* \+0\.50 R \(2\)/i);
  t.regex(digest.text, /Worst pattern: .*Engulfing.* -1\.00 R \(1\)/i);
  await trigger({ schemaVersion: 1, task: 'weekly-digest', asOf: '2024-04-15T00:00:00Z' });
  t.is(sent.length, 2, 'the next week is a new post');
  t.regex(sent[1].text, /No signal closed this week/);
});

test('the daily digest of the archived events of the day before, posted once per day; other tasks are ignored', async (t) => {
  const { sent, trigger } = await setup(t);
  await trigger({ schemaVersion: 1, task: 'daily-digest', asOf: '2024-04-04T00:05:00Z' });
  await trigger({ schemaVersion: 1, task: 'daily-digest', asOf: '2024-04-04T09:00:00Z' });
  await trigger({ schemaVersion: 1, task: 'reconcile' });
  t.is(sent.length, 1);
  t.is(sent[0].eventId, digestEventId('2024-04-03'));
  t.regex(sent[0].title, /Daily digest · 2024-04-03/);
  t.regex(sent[0].text, /Targets hit \(1\)\n• SPY TP3/);
  t.regex(sent[0].text, /^1 change across 1 symbol\.$/m, 'only the events of that day');
});

test('the digest schedules publish maintenance requests the digest handler accepts', (t) => {
  for (const task of ['daily-digest', 'weekly-digest'] as const) {
    const row = SCHEDULES.find((s) => s.key === task);
    t.is(row?.topic, TOPICS.maintenance);
    t.is(row?.attributes.task, task);
    t.true(maintenanceRequestKind.schema.safeParse(row?.payload).success, `${task} payload`);
  }
});
