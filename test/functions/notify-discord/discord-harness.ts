import type { ExecutionContext } from 'ava';
import type { Clock } from '../../../functions/notify-discord/discord/clock.js';
import { createDiscordSink } from '../../../functions/notify-discord/discord/discord-sink.js';
import { parentFromDeliveries } from '../../../functions/notify-discord/discord/parent-message.js';
import { resolveWebhooks } from '../../../functions/notify-discord/discord/routes.js';
import type { Route } from '../../../functions/notify-discord/discord/routes.js';
import { createNotifyDiscord } from '../../../functions/notify-discord/index.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';
import { DiscordServer } from '../../servers/discord-server.js';
import { makeEventOfType } from './event-factory.js';

/** A clock whose `sleep` advances time at once and records the wait: timing is asserted without waiting. */
export function fakeClock(startMs = Date.parse('2024-03-04T12:00:00.000Z')): Clock & { ms: number; readonly sleeps: number[] } {
  const clock = {
    ms: startMs,
    sleeps: [] as number[],
    now: () => clock.ms,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.ms += ms;
    },
  };
  return clock;
}

/** An event of `type`, built by persistState's own builders (its event id included). */
export function eventOf(type: SignalEvent['type']): SignalEvent {
  return makeEventOfType(type);
}

/** The local Discord server, the Discord sink on it (test route, or `routes`), a SQLite store and the notifyDiscord handler. */
export async function discordSetup(
  t: ExecutionContext,
  options: { forum?: boolean; channelForum?: boolean; testMode?: boolean; routes?: readonly Route[] } = {},
) {
  const clock = fakeClock();
  const server = new DiscordServer({ now: clock.now });
  await server.start();
  const routes = options.routes ?? ['test'];
  const hooks = Object.fromEntries(
    routes.map((route) => [route, server.addWebhook({ forum: options.channelForum ?? options.forum ?? false })]),
  );
  const secretNames: Record<Route, string> = {
    test: 'TEST_DISCORD_WEBHOOK',
    crypto: 'LIVE_CRYPTO_DISCORD_WEBHOOK_URL',
    stock: 'LIVE_STOCK_DISCORD_WEBHOOK_URL',
    shadow: 'DISCORD_SHADOW_WEBHOOK_URL',
    system: 'DISCORD_SYSTEM_WEBHOOK_URL',
  };
  const secrets = new Map(routes.map((route) => [secretNames[route], hooks[route].url]));
  const targets = resolveWebhooks(routes, { getSecret: (name) => secrets.get(name) }, ['127.0.0.1']);
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  const capture = captureLogger();
  const forum = options.forum ?? false;
  const sink = createDiscordSink({
    targets,
    forums: Object.fromEntries(routes.map((route) => [route, forum])),
    parentMessage: parentFromDeliveries(store),
    log: capture.logger,
    clock,
    random: () => 0.5,
  });
  const bus = new InProcessBus();
  const handler = createNotifyDiscord({
    bus,
    log: capture.logger,
    now: () => new Date(clock.ms),
    maxEventAgeMs: 10 * 365 * 86_400_000,
    store,
    sink,
    testMode: options.testMode ?? true,
    currentSignal: (signalId) => store.getSignal(signalId),
  });
  let n = 0;
  const deliver = (event: SignalEvent) =>
    handler(pushEventFor(signalEventKind, event, { messageId: String(++n), publishTime: new Date(clock.ms).toISOString() }));
  t.teardown(async () => {
    await server.close();
    await store.close();
  });
  return { clock, server, hooks, sink, store, capture, deliver };
}
