import type { SecretName } from '../../../shared/secrets/secret-names.js';
import type { Secrets } from '../../../shared/secrets/secrets.js';
import { rebuildOnRotation } from '../../../shared/secrets/rotation.js';
import type { Notification, NotificationReceipt, NotificationSink } from '../notification-sink.port.js';
import { ROUTE_SECRETS } from './routes.js';
import type { Route } from './routes.js';

/**
 * A Discord sink that follows webhook rotations: the route secrets are read again at each send (cached for
 * SECRET_CACHE_TTL_SECONDS) and the sink is rebuilt when one changed, so a new webhook needs no redeploy.
 * Delivery channels are route names, so records made before a rotation still count.
 */
export function rotatingDiscordSink(
  loadSecrets: () => Promise<Pick<Secrets, 'getSecret'>>,
  build: (secrets: Pick<Secrets, 'getSecret'>) => NotificationSink,
  names: readonly SecretName[] = Object.values(ROUTE_SECRETS),
): NotificationSink & { channelFor(route: Route): string; ready(): Promise<void> } {
  const current = rebuildOnRotation(loadSecrets, names, build);
  return {
    channel: 'discord',
    channelFor: (route) => route,
    /** Builds the sink now (a missing or invalid webhook throws its ConfigError at start). */
    ready: async () => void (await current()),
    send: async (notification: Notification): Promise<NotificationReceipt> => (await current()).send(notification),
  };
}
