import type { Config } from '../shared/config/index.js';
import { createLogger } from '../shared/log/logger.js';
import { faultPoints } from '../shared/runtime/fault.js';
import { instanceAdapters } from '../shared/runtime/instance-adapters.js';
import { memo } from '../shared/runtime/memo.js';
import { loadSecrets } from '../shared/secrets/index.js';
import type { FunctionDeps } from './function-deps.js';
import { chooseNotificationSink, deployedDiscordChoice } from './notify-discord/sink-choice.js';
import type { FunctionRow } from './topology.js';

/** The deps of one deployed function instance: its configuration, its row's secrets, adapters opened on first use. */
export function instanceDeps(config: Config, row: Pick<FunctionRow, 'secrets'>): FunctionDeps {
  const log = createLogger({ service: config.runtime.service ?? 'local' });
  const secrets = memo(() => loadSecrets({ config, names: [...row.secrets] }));
  const adapters = instanceAdapters(config, { secrets, logger: log });
  return {
    config,
    log,
    // Opened at the first publish: a function that publishes nothing never makes a Pub/Sub client.
    bus: { publish: (topic, message) => adapters.bus().publish(topic, message) },
    now: () => new Date(),
    maxEventAgeMs: config.events.maxAgeSeconds * 1000,
    fault: faultPoints(config.testing.fault),
    secrets,
    store: adapters.store,
    marketSource: adapters.marketSource,
    notificationSink: async () =>
      chooseNotificationSink({ config, secrets: await secrets(), store: adapters.store(), log, discord: deployedDiscordChoice(config) }).sink,
  };
}
