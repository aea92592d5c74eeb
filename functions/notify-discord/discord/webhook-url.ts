import { inspect } from 'node:util';
import { InvalidWebhookUrlError } from './discord-errors.js';

/** Discord's own hosts: always accepted over https (DISCORD_WEBHOOK_HOST_ALLOWLIST adds others). */
export const OFFICIAL_DISCORD_HOSTS: readonly string[] = [
  'discord.com',
  'discordapp.com',
  'canary.discord.com',
  'ptb.discord.com',
  'canary.discordapp.com',
  'ptb.discordapp.com',
];

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;
const PATH = /^\/api(?:\/v\d{1,2})?\/webhooks\/(\d{1,20})\/([\w-]{1,120})\/?$/;

/**
 * One validated webhook. The URL lives in a private field: `JSON.stringify` and `util.inspect` show only
 * the route and the webhook id, so a target can be logged or thrown without leaking the token.
 */
export class WebhookTarget {
  readonly #base: string;
  constructor(
    readonly route: string,
    readonly webhookId: string,
    base: string,
  ) {
    this.#base = base;
  }

  /** The execute URL with its query (`wait`, `thread_id`). */
  executeUrl(query: Readonly<Record<string, string>> = {}): string {
    return withQuery(this.#base, query);
  }

  /** The URL of one message of this webhook (GET / PATCH / DELETE). */
  messageUrl(messageId: string, query: Readonly<Record<string, string>> = {}): string {
    return withQuery(`${this.#base}/messages/${encodeURIComponent(messageId)}`, query);
  }

  toJSON(): { route: string; webhookId: string } {
    return { route: this.route, webhookId: this.webhookId };
  }

  [inspect.custom](): string {
    return `WebhookTarget { route: ${this.route}, webhookId: ${this.webhookId} }`;
  }

  toString(): string {
    return this[inspect.custom]();
  }
}

function withQuery(base: string, query: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams(query).toString();
  return search === '' ? base : `${base}?${search}`;
}

/**
 * Checks a webhook URL: `https://<Discord host>/api[/vN]/webhooks/<id>/<token>`, another host only when it is
 * in `allowlist` (host or host:port), plain http only to a loopback host that is allowlisted (local test servers).
 * Requests always go to `/api/v10/` so `retry_after` is in seconds. Errors name the route, never the URL.
 */
export function parseWebhookUrl(route: string, raw: string, allowlist: readonly string[]): WebhookTarget {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidWebhookUrlError(route, 'is not a URL');
  }
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  const listed = allowlist.some((entry) => entry.toLowerCase() === host || entry.toLowerCase() === hostname);
  if (url.protocol === 'http:') {
    if (!LOOPBACK.test(hostname)) throw new InvalidWebhookUrlError(route, 'uses plain http, allowed only for a loopback host');
    if (!listed)
      throw new InvalidWebhookUrlError(route, `points at loopback host ${host}, which is not in DISCORD_WEBHOOK_HOST_ALLOWLIST`);
  } else if (url.protocol !== 'https:') {
    throw new InvalidWebhookUrlError(route, `uses scheme ${url.protocol.replace(':', '')}, not https`);
  } else if (!OFFICIAL_DISCORD_HOSTS.includes(hostname) && !listed) {
    throw new InvalidWebhookUrlError(
      route,
      `points at host ${host}, which is neither Discord nor in DISCORD_WEBHOOK_HOST_ALLOWLIST`,
    );
  }
  if (url.username !== '' || url.password !== '') throw new InvalidWebhookUrlError(route, 'carries user credentials');
  if (url.search !== '' || url.hash !== '') throw new InvalidWebhookUrlError(route, 'has a query or fragment');
  const match = PATH.exec(url.pathname);
  if (match === null) throw new InvalidWebhookUrlError(route, 'is not of the form /api/webhooks/<id>/<token>');
  const [, id, token] = match;
  return new WebhookTarget(route, id, `${url.protocol}//${host}/api/v10/webhooks/${id}/${token}`);
}
