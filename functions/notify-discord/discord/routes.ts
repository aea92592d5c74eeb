import type { AssetClass } from '../../../shared/domain/bar.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import type { ConfigIssue } from '../../../shared/errors/errors.js';
import type { SecretName } from '../../../shared/secrets/secret-names.js';
import { InvalidWebhookUrlError } from './discord-errors.js';
import { parseWebhookUrl } from './webhook-url.js';
import type { WebhookTarget } from './webhook-url.js';

/** Where a message goes (reference §6.1); also the delivery-record channel name, never the URL. */
export const ROUTES = ['test', 'crypto', 'stock', 'shadow', 'system'] as const;
/** One of `ROUTES`. */
export type Route = (typeof ROUTES)[number];

/** The secret holding each route's webhook URL. */
export const ROUTE_SECRETS: Readonly<Record<Route, SecretName>> = {
  test: 'TEST_DISCORD_WEBHOOK',
  crypto: 'LIVE_CRYPTO_DISCORD_WEBHOOK_URL',
  stock: 'LIVE_STOCK_DISCORD_WEBHOOK_URL',
  shadow: 'DISCORD_SHADOW_WEBHOOK_URL',
  system: 'DISCORD_SYSTEM_WEBHOOK_URL',
};

/** What a message is about: a signal of an asset class, a shadow (rejected) signal, or the system (digest, alerts). */
export type MessageAudience =
  { readonly kind: 'signal'; readonly assetClass: AssetClass } | { readonly kind: 'shadow' | 'system' };

/** Reference §6.1: test mode sends everything to the test webhook; live splits by asset class, shadow and system. */
export function routeFor(audience: MessageAudience, testMode: boolean): Route {
  if (testMode) return 'test';
  if (audience.kind !== 'signal') return audience.kind;
  return audience.assetClass === 'CRYPTO' ? 'crypto' : 'stock';
}

/** The routes a process will use: only `test` in test mode; live: each enabled asset class, shadow and system. */
export function routesInUse(options: {
  readonly testMode: boolean;
  readonly crypto: boolean;
  readonly equity: boolean;
}): Route[] {
  if (options.testMode) return ['test'];
  return [...(options.crypto ? (['crypto'] as const) : []), ...(options.equity ? (['stock'] as const) : []), 'shadow', 'system'];
}

/** The validated webhook of each route in use. */
export type WebhookTargets = Readonly<Partial<Record<Route, WebhookTarget>>>;

/**
 * Reads and validates the webhook of every route in use, at start. Every missing or invalid one is listed in
 * one `ConfigError` naming its secret (never its value), so a route is never dropped silently.
 */
export function resolveWebhooks(
  routes: readonly Route[],
  secrets: { getSecret(name: SecretName): string | undefined },
  allowlist: readonly string[],
): WebhookTargets {
  const issues: ConfigIssue[] = [];
  const targets: Partial<Record<Route, WebhookTarget>> = {};
  for (const route of routes) {
    const secret = ROUTE_SECRETS[route];
    const raw = secrets.getSecret(secret);
    if (raw === undefined) {
      issues.push({ variable: secret, reason: `is not set; the "${route}" Discord route needs it` });
      continue;
    }
    try {
      targets[route] = parseWebhookUrl(route, raw, allowlist);
    } catch (error) {
      if (!(error instanceof InvalidWebhookUrlError)) throw error;
      issues.push({ variable: secret, reason: error.message });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return targets;
}
