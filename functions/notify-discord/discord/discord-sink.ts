import { ConfigError } from '../../../shared/errors/errors.js';
import type { Logger } from '../../../shared/log/logger.js';
import type { Notification, NotificationReceipt, NotificationSink } from '../notification-sink.port.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { DiscordRequestError } from './discord-errors.js';
import { filesWithinLimits, fitToLimits } from './limits.js';
import type { DiscordFile, DiscordPayload } from './message.types.js';
import type { ParentLookup } from './parent-message.js';
import { RateLimiter } from './rate-limiter.js';
import { ROUTE_SECRETS } from './routes.js';
import type { Route, WebhookTargets } from './routes.js';
import { createWebhookClient } from './webhook-client.js';
import type { WebhookClient } from './webhook-client.js';

/** What the Discord sink needs. */
export interface DiscordSinkOptions {
  readonly targets: WebhookTargets;
  /** Routes whose channel is a forum (DISCORD_USE_FORUMS / DISCORD_SHADOW_USE_FORUMS). */
  readonly forums: Readonly<Partial<Record<Route, boolean>>>;
  readonly parentMessage: ParentLookup;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly timeoutMs?: number;
  /** Called after each message is posted (progress of `npm start -- --discord`). */
  readonly onPosted?: (notification: Notification, route: Route) => void;
}

const hasCode = (error: unknown, ...codes: number[]): boolean =>
  error instanceof DiscordRequestError && error.failure.discordCode !== undefined && codes.includes(error.failure.discordCode);
const is404 = (error: unknown): boolean => error instanceof DiscordRequestError && error.failure.status === 404;

const withNote = (payload: DiscordPayload, note: string): DiscordPayload => ({ ...payload, content: note });

/**
 * Posts notifications to Discord webhooks: a new message with `wait=true` (its id is the receipt, stored by the
 * delivery record); a follow-up goes to the signal's thread in a forum, or edits the original embed and posts
 * a short update in a text channel. Forum errors fall back: 10003 (thread gone) → the channel with a note;
 * 220001 (forum needs a thread name) → once more with one. A webhook answering 10015 is not called again.
 */
export function createDiscordSink(options: DiscordSinkOptions): NotificationSink & { channelFor(route: Route): string } {
  const clock = options.clock ?? systemClock;
  const limiter = new RateLimiter(clock);
  const clients = new Map<Route, WebhookClient>();
  const gone = new Map<Route, DiscordRequestError>();

  function clientFor(route: Route): WebhookClient {
    const target = options.targets[route];
    if (target === undefined)
      throw new ConfigError([
        { variable: ROUTE_SECRETS[route], reason: `is not configured; the "${route}" Discord route needs it` },
      ]);
    const known = gone.get(route);
    if (known) throw known;
    let client = clients.get(route);
    if (client === undefined) {
      client = createWebhookClient(target, {
        limiter,
        clock,
        log: options.log,
        ...(options.random ? { random: options.random } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      clients.set(route, client);
    }
    return client;
  }

  async function guarded<T>(route: Route, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (hasCode(error, 10015) && error instanceof DiscordRequestError) gone.set(route, error);
      throw error;
    }
  }

  /** A new message in the channel (a new forum post when the channel is a forum). */
  async function post(
    route: Route,
    n: Notification,
    payload: DiscordPayload,
    files: readonly DiscordFile[],
    threadId?: string,
  ): Promise<string> {
    const client = clientFor(route);
    const forum = options.forums[route] === true && threadId === undefined;
    const body = fitToLimits(forum ? { ...payload, thread_name: n.threadName } : payload);
    try {
      return (await guarded(route, () => client.execute(body, { files, ...(threadId ? { threadId } : {}) }))).id;
    } catch (error) {
      if (!hasCode(error, 220001) || body.thread_name !== undefined) throw error;
      options.log.warn('the channel is a forum; posting again with a thread name', { webhook: route, eventId: n.eventId });
      return (await guarded(route, () => client.execute(fitToLimits({ ...payload, thread_name: n.threadName }), { files }))).id;
    }
  }

  async function followUp(
    route: Route,
    n: Notification,
    signalId: string,
    card: Notification['payload']['embeds'][number],
  ): Promise<string> {
    const parent = await options.parentMessage(signalId, route);
    if (parent === null) return post(route, n, withNote(n.payload, '⚠️ Original signal message not found; posting here.'), []);
    if (options.forums[route] === true) {
      try {
        return await post(route, n, n.payload, [], parent);
      } catch (error) {
        if (!hasCode(error, 10003, 10008) && !(is404(error) && !hasCode(error, 10015))) throw error;
        options.log.warn('thread unavailable; posting in the channel', { webhook: route, eventId: n.eventId });
        return post(route, n, withNote(n.payload, '🔄 Thread unavailable; update posted in the channel.'), []);
      }
    }
    try {
      await guarded(route, () => clientFor(route).edit(parent, fitToLimits({ embeds: [card] })));
    } catch (error) {
      if (!is404(error) || hasCode(error, 10015)) throw error;
      options.log.warn('original message gone; posting the update alone', { webhook: route, eventId: n.eventId });
    }
    return post(route, n, withNote(n.payload, `↪️ Update to signal message ${parent} (edited above)`), []);
  }

  return {
    channel: 'discord',
    channelFor: (route) => route,
    async send(n: Notification): Promise<NotificationReceipt> {
      const files = filesWithinLimits(n.files);
      const payload =
        files.length === n.files.length
          ? n.payload
          : { ...n.payload, embeds: n.payload.embeds.map(({ image: _image, ...embed }) => embed) };
      const notification = { ...n, payload, files };
      const messageId = n.followUp
        ? await followUp(n.route, notification, n.followUp.signalId, n.followUp.card)
        : await post(n.route, notification, payload, files);
      options.onPosted?.(n, n.route);
      return { messageId };
    },
  };
}
