import { warehouseFromConfig } from '../../../shared/analytics/warehouse-from-config.js';
import type { Config } from '../../../shared/config/index.js';
import type { Logger } from '../../../shared/log/logger.js';
import type { HandlerContext } from '../../../shared/runtime/push-handler.js';
import { loadSecrets } from '../../../shared/secrets/index.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { ROUTE_SECRETS } from '../discord/routes.js';
import { discordSinkFromConfig } from '../discord/sink-from-config.js';
import { createOutboxSink } from '../outbox-sink.js';
import { createPostDigest } from './post-digest.js';

/**
 * The deployed digest handler (a `maintenance` subscriber filtered on the digest tasks): the configured warehouse,
 * and notifyDiscord's store and sink, so the digests share its delivery records and rate limits. Like
 * notifyDiscord, it posts to Discord when deployed or when a webhook is configured, else to the console.
 */
export async function postDigestFromConfig(ctx: HandlerContext, config: Config, store: StateStore, log: Logger) {
  const secrets = await loadSecrets({ config, names: Object.values(ROUTE_SECRETS) });
  const deployed = config.runtime.onCloud && config.gcp.pubsubEmulatorHost === undefined;
  const discord = deployed || Object.values(ROUTE_SECRETS).some((name) => secrets.has(name));
  const sink = discord ? discordSinkFromConfig({ config, secrets, store, log }) : createOutboxSink({});
  return createPostDigest({ ...ctx, warehouse: warehouseFromConfig(config), store, sink, testMode: config.testMode });
}
