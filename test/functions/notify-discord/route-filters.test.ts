import test from 'ava';
import { ROUTES } from '../../../functions/notify-discord/discord/routes.js';
import { createNotifyDiscord } from '../../../functions/notify-discord/index.js';
import type { Notification, NotificationSink } from '../../../functions/notify-discord/notification-sink.port.js';
import { passesRouteFilter } from '../../../functions/notify-discord/route-filter.js';
import { parseConfig } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import { FILTER_ROUTES } from '../../../shared/config/route-filters.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';
import { makeCreatedEvent, makeRejectedEvent, makeTp1Event } from '../../shared/messages/message-factory.js';
import { makeSignal } from '../persist-state/signal-factory.js';

const high = makeCreatedEvent(makeSignal({ convictionTier: 'HIGH', signalId: '1b7ad0a4-6b1e-5a53-9c5b-5d5f2a0f4e11' }));
const standard = makeCreatedEvent();

test('the filter routes are the notifier routes', (t) => {
  t.deepEqual([...FILTER_ROUTES], [...ROUTES]);
});

test('DISCORD_ROUTE_FILTERS is parsed per route: conviction, types, assets', (t) => {
  const config = parseConfig({
    DISCORD_ROUTE_FILTERS: 'crypto:conviction=high,types=signal.created|signal.tp1; stock:assets=EQUITY;shadow:',
  });
  t.deepEqual(config.discord.routeFilters, {
    crypto: { minConviction: 'HIGH', types: ['signal.created', 'signal.tp1'] },
    stock: { assetClasses: ['EQUITY'] },
    shadow: {},
  });
  t.deepEqual(parseConfig({}).discord.routeFilters, {});
});

for (const [value, message] of [
  ['cryptoo:conviction=HIGH', /DISCORD_ROUTE_FILTERS.*must name routes/],
  ['crypto:conviction=MEDIUM', /DISCORD_ROUTE_FILTERS.*route crypto: conviction must be STANDARD or HIGH/],
  ['crypto:colour=red', /DISCORD_ROUTE_FILTERS.*unknown filter "colour"/],
  ['stock:assets=FOREX', /DISCORD_ROUTE_FILTERS.*assets must be CRYPTO and\/or EQUITY/],
] as const) {
  test(`DISCORD_ROUTE_FILTERS=${value} is a configuration error naming the variable`, (t) => {
    const error = t.throws(() => parseConfig({ DISCORD_ROUTE_FILTERS: value }), { instanceOf: ConfigError });
    t.regex(error?.message ?? '', message);
  });
}

test('a filter lets through by type, asset class and the signal conviction (rejected ones by their own)', (t) => {
  t.true(passesRouteFilter(standard, undefined));
  t.false(passesRouteFilter(standard, { minConviction: 'HIGH' }));
  t.true(passesRouteFilter(high, { minConviction: 'HIGH' }));
  t.true(passesRouteFilter(standard, { minConviction: 'STANDARD' }));
  t.false(passesRouteFilter(makeTp1Event(), { types: ['signal.created'] }));
  t.true(passesRouteFilter(makeTp1Event(), { types: ['signal.tp1'] }));
  t.false(passesRouteFilter(standard, { assetClasses: ['EQUITY'] }));
  t.false(passesRouteFilter(makeRejectedEvent(), { minConviction: 'HIGH' }));
});

test('notifyDiscord applies the filter of the event route: only what the route lets through is posted', async (t) => {
  const sent: Notification[] = [];
  const sink: NotificationSink = {
    channel: 'outbox',
    send: async (n) => {
      sent.push(n);
      return { messageId: String(sent.length) };
    },
  };
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const handler = createNotifyDiscord({
    bus: new InProcessBus(),
    log: captureLogger().logger,
    now: () => new Date('2024-03-04T12:00:15.000Z'),
    maxEventAgeMs: 3_600_000,
    store,
    sink,
    testMode: true,
    routeFilters: { test: { minConviction: 'HIGH', types: ['signal.created'] } },
  });
  for (const event of [standard, high, makeTp1Event()]) {
    await handler(pushEventFor(signalEventKind, event, { publishTime: '2024-03-04T12:00:10.000Z' }));
  }
  t.deepEqual(
    sent.map((n) => n.eventId),
    [high.eventId],
  );
});
