import type { Config } from '../../../shared/config/index.js';
import type { Logger } from '../../../shared/log/logger.js';
import type { SecretName } from '../../../shared/secrets/secret-names.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import type { Notification, NotificationSink } from '../notification-sink.port.js';
import type { Clock } from './clock.js';
import { createDiscordSink } from './discord-sink.js';
import { parentFromDeliveries } from './parent-message.js';
import { resolveWebhooks, routesInUse } from './routes.js';
import type { Route } from './routes.js';

/** What the production (and `--discord`) sink is built from. */
export interface DiscordSinkFromConfig {
  readonly config: Pick<Config, 'testMode' | 'discord' | 'universe'>;
  readonly secrets: { getSecret(name: SecretName): string | undefined };
  readonly store: Pick<StateStore, 'getDelivery'>;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  readonly clock?: Clock;
  readonly onPosted?: (notification: Notification, route: Route) => void;
  /** The only routes this process may post to (a deployed function: those whose webhook its row may read); all when absent. */
  readonly routes?: readonly Route[];
}

/**
 * The Discord sink of this configuration. Every route it will use must have a valid webhook: a missing or
 * invalid one throws `ConfigError` naming the secret, at start, before any event is taken.
 */
export function discordSinkFromConfig(options: DiscordSinkFromConfig): NotificationSink & { channelFor(route: Route): string } {
  const { config } = options;
  const routes = routesInUse({
    testMode: config.testMode,
    crypto: config.universe.cryptoSymbols.length > 0,
    equity: config.universe.equitiesEnabled,
  }).filter((route) => options.routes?.includes(route) ?? true);
  const targets = resolveWebhooks(routes, options.secrets, config.discord.webhookHostAllowlist);
  const signalForum = config.discord.useForums;
  return createDiscordSink({
    targets,
    forums: { test: signalForum, crypto: signalForum, stock: signalForum, shadow: config.discord.shadowUseForums, system: false },
    parentMessage: parentFromDeliveries(options.store),
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onPosted ? { onPosted: options.onPosted } : {}),
  });
}
