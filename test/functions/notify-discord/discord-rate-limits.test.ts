import test from 'ava';
import { DiscordRequestError } from '../../../functions/notify-discord/discord/discord-errors.js';
import { RateLimiter } from '../../../functions/notify-discord/discord/rate-limiter.js';
import { discordSetup, eventOf, fakeClock } from './discord-harness.js';

const limited = (retryAfter: number, global = false) => ({
  status: 429,
  body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
  headers: {
    'retry-after': String(Math.ceil(retryAfter)),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': String(retryAfter),
    ...(global ? { 'x-ratelimit-global': 'true' } : {}),
  },
});

test('a 429 is retried no earlier than its fractional retry_after, then posted once', async (t) => {
  const { server, hooks, deliver } = await discordSetup(t);
  server.script(hooks.test.id, limited(2.345));
  await deliver(eventOf('signal.rejected'));
  const [first, second] = server.requests;
  t.is(first.status, 429);
  t.is(second.status, 200);
  t.true(second.at - first.at >= 2_345, `waited ${second.at - first.at} ms`);
  t.is(server.accepted().length, 1);
});

test('a global 429 on one webhook holds back every webhook until its retry_after has passed', async (t) => {
  const { server, hooks, deliver } = await discordSetup(t, { testMode: false, routes: ['crypto', 'shadow'] });
  server.script(hooks.shadow.id, limited(5, true));
  const shadow = deliver(eventOf('signal.rejected'));
  while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const crypto = deliver(eventOf('signal.tp1'));
  await Promise.all([shadow, crypto]);
  const [blocked, ...later] = server.requests;
  t.is(blocked.status, 429);
  t.is(blocked.webhookId, hooks.shadow.id);
  t.deepEqual(
    [...new Set(later.map((r) => r.webhookId))].sort(),
    [hooks.crypto.id, hooks.shadow.id].sort(),
    'both webhooks posted afterwards',
  );
  t.true(
    later.every((r) => r.at - blocked.at >= 5_000),
    'no request on any webhook inside the global window',
  );
});

test('the limiter blocks every bucket during a global limit and only its own bucket otherwise', async (t) => {
  const clock = fakeClock(0);
  const limiter = new RateLimiter(clock);
  limiter.observe('a', { status: 429, headers: {}, data: { retry_after: 1.5, global: false } });
  t.is(limiter.nextAllowedAt('a'), 1_500);
  t.is(limiter.nextAllowedAt('b'), 0, 'another webhook is free');
  limiter.observe('b', { status: 429, headers: {}, data: { retry_after: 4.25, global: true } });
  t.is(limiter.nextAllowedAt('c'), 4_250, 'global: every webhook waits');
  await limiter.acquire('c');
  t.is(clock.ms, 4_250);
});

test('a bucket with no requests remaining waits for X-RateLimit-Reset-After before the next request', async (t) => {
  const clock = fakeClock(0);
  const limiter = new RateLimiter(clock);
  await limiter.acquire('a');
  limiter.observe('a', { status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1.25' }, data: {} });
  await limiter.acquire('a');
  t.deepEqual(clock.sleeps, [1_250]);
  limiter.observe('a', { status: 200, headers: { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset-after': '2' }, data: {} });
  await limiter.acquire('a');
  t.deepEqual(clock.sleeps, [1_250], 'requests left: no wait');
});

test('a 500 is retried with growing backoff and posted once when Discord recovers', async (t) => {
  const { server, hooks, clock, deliver } = await discordSetup(t);
  server.script(hooks.test.id, { status: 500, body: { message: 'boom' } }, { status: 502 });
  await deliver(eventOf('signal.rejected'));
  t.deepEqual(
    server.requests.map((r) => r.status),
    [500, 502, 200],
  );
  t.deepEqual(clock.sleeps, [500, 1_000], 'exponential backoff (jitter fixed at its midpoint)');
});

test('gives up after 3 retries, releases the claim and posts it on the redelivery', async (t) => {
  const { server, hooks, store, deliver } = await discordSetup(t);
  const event = eventOf('signal.rejected');
  server.script(hooks.test.id, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
  const error = await t.throwsAsync(deliver(event), { instanceOf: DiscordRequestError });
  t.is(server.requests.length, 4, 'one attempt and 3 retries');
  t.is(error?.message, 'Discord webhook "test" answered 503 to execute');
  t.is((await store.getDelivery(event.eventId, 'test'))?.messageId, null, 'nothing recorded as sent');
  await deliver(event);
  t.is(server.accepted().length, 1);
});

test('an unknown webhook (404, 10015) is not retried, names the route, and is not called again', async (t) => {
  const { server, hooks, deliver } = await discordSetup(t);
  server.script(hooks.test.id, { status: 404, body: { code: 10015, message: 'Unknown Webhook' } });
  await t.throwsAsync(deliver(eventOf('signal.rejected')), {
    message: /webhook "test" answered 404 \(code 10015 Unknown Webhook\)/,
  });
  await t.throwsAsync(deliver(eventOf('signal.rejected')), { instanceOf: DiscordRequestError });
  t.is(server.requests.length, 1);
});
