import type { Config } from '../shared/config/index.js';
import { createLogger } from '../shared/log/logger.js';
import { faultPoints } from '../shared/runtime/fault.js';
import { instanceAdapters } from '../shared/runtime/instance-adapters.js';
import { configHash } from '../shared/config/config-hash.js';
import { loadSecrets } from '../shared/secrets/index.js';
import type { Secrets } from '../shared/secrets/index.js';
import { rotatingDiscordSink } from './notify-discord/discord/rotating-sink.js';
import { ROUTE_SECRETS, ROUTES } from './notify-discord/discord/routes.js';
import type { FunctionDeps } from './function-deps.js';
import { chooseNotificationSink, deployedDiscordChoice } from './notify-discord/sink-choice.js';
import type { FunctionRow } from './topology.js';

/** The deps of one deployed function instance: its configuration, its row's secrets, adapters opened on first use. */
export function instanceDeps(config: Config, row: Pick<FunctionRow, 'secrets'>): FunctionDeps {
  const log = createLogger({ service: config.runtime.service ?? 'local' });
  // Audit trail (issue 12): the deployed configuration's digest, once per instance.
  log.info('configuration loaded', {
    event: 'config.loaded',
    configHash: configHash(config),
    gitSha: config.runtime.gitSha,
    environment: config.environment,
  });
  // Not memoised: loadSecrets caches for SECRET_CACHE_TTL_SECONDS, then reads again, so a rotation needs no redeploy.
  const secrets = () => loadSecrets({ config, names: [...row.secrets] });
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
    alpacaThrottle: adapters.alpacaThrottle,
    // A rotated webhook rebuilds the sink at the next send (functions/notify-discord/discord/rotating-sink.ts).
    notificationSink: async () => {
      const choose = (current: Pick<Secrets, 'getSecret'>) =>
        chooseNotificationSink({
          config,
          secrets: current,
          store: adapters.store(),
          log,
          discord: deployedDiscordChoice(config),
          // A function posts only on the routes whose webhook its topology row may read.
          routes: ROUTES.filter((route) => row.secrets.includes(ROUTE_SECRETS[route])),
        });
      if (choose(await secrets()).kind === 'outbox') return choose(await secrets()).sink;
      const rotating = rotatingDiscordSink(secrets, (current) => choose(current).sink, [...row.secrets]);
      await rotating.ready();
      return rotating;
    },
    pauseFlag: adapters.pauseFlag,
  };
}
