import type { Config } from '../../shared/config/index.js';
import type { Logger } from '../../shared/log/logger.js';
import type { SecretName } from '../../shared/secrets/index.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { ROUTE_SECRETS } from './discord/routes.js';
import type { Route } from './discord/routes.js';
import { discordSinkFromConfig } from './discord/sink-from-config.js';
import type { Notification, NotificationSink } from './notification-sink.port.js';
import { createOutboxSink } from './outbox-sink.js';
import type { OutboxSinkOptions } from './outbox-sink.js';

/**
 * Whether notifications go to Discord: `required` (every route in use must have its webhook, else ConfigError),
 * `when-configured` (Discord when any route webhook is set, else the outbox), `never` (the outbox).
 */
export type DiscordChoice = 'required' | 'when-configured' | 'never';

/** What the choice is made from. */
export interface SinkChoiceOptions {
  readonly config: Pick<Config, 'testMode' | 'discord' | 'universe'>;
  readonly secrets: { getSecret(name: SecretName): string | undefined };
  readonly store: Pick<StateStore, 'getDelivery'>;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  readonly discord: DiscordChoice;
  /** Where the outbox writes (and prints) when it is the sink. */
  readonly outbox?: OutboxSinkOptions;
  readonly onPosted?: (notification: Notification, route: Route) => void;
  /** The only routes this process may post to (see `DiscordSinkFromConfig.routes`); all when absent. */
  readonly routes?: readonly Route[];
}

/** The chosen sink, and which one it is. */
export interface ChosenSink {
  readonly kind: 'discord' | 'outbox';
  readonly sink: NotificationSink;
}

/**
 * The one place Discord or the console/outbox is chosen, for the deployed function (`deployedDiscordChoice`) and
 * every local run alike.
 */
export function chooseNotificationSink(options: SinkChoiceOptions): ChosenSink {
  const configured = Object.values(ROUTE_SECRETS).some((name) => options.secrets.getSecret(name) !== undefined);
  if (options.discord === 'required' || (options.discord === 'when-configured' && configured)) {
    const { config, secrets, store, log, onPosted, routes } = options;
    const sink = discordSinkFromConfig({
      config,
      secrets,
      store,
      log,
      ...(onPosted ? { onPosted } : {}),
      ...(routes ? { routes } : {}),
    });
    return { kind: 'discord', sink };
  }
  return { kind: 'outbox', sink: createOutboxSink(options.outbox ?? {}) };
}

/**
 * The deployed function's choice: on Cloud Functions (not the emulators) every route needs its webhook; a server
 * on the emulators posts to Discord when a webhook is configured, else to the console and outbox.
 */
export function deployedDiscordChoice(config: Pick<Config, 'runtime' | 'gcp'>): DiscordChoice {
  return config.runtime.onCloud && config.gcp.pubsubEmulatorHost === undefined ? 'required' : 'when-configured';
}
