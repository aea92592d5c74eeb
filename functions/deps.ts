import { loadConfig } from '../shared/config/index.js';
import type { Config } from '../shared/config/index.js';
import { createLogger } from '../shared/log/logger.js';
import type { Logger } from '../shared/log/logger.js';
import type { PushEventLike } from '../shared/messages/envelope.js';
import { faultPoints } from '../shared/runtime/fault.js';
import { instanceAdapters } from '../shared/runtime/instance-adapters.js';
import { loadSecrets } from '../shared/secrets/index.js';
import type { InstanceAdapters } from '../shared/runtime/instance-adapters.js';
import type { HandlerContext } from '../shared/runtime/push-handler.js';
import { createFetchMarketData } from './fetch-market-data/index.js';
import { createGenerateSignals } from './generate-signals/index.js';
import { createNotifyDiscord } from './notify-discord/index.js';
import { ROUTE_SECRETS } from './notify-discord/discord/routes.js';
import { discordSinkFromConfig } from './notify-discord/discord/sink-from-config.js';
import { createOutboxSink } from './notify-discord/outbox-sink.js';
import { createPersistState } from './persist-state/index.js';
import { createRecordDeadLetter } from './record-dead-letter/index.js';

type Handler = (event: PushEventLike) => Promise<void>;

/**
 * Builds a handler at its first message, once per instance (cold start does config and clients once). A build
 * that fails (a configuration error, a secret that cannot be read) is retried at the next message.
 */
function lazy(build: () => Handler | Promise<Handler>): Handler {
  let handler: Promise<Handler> | undefined;
  return async (event) => {
    handler ??= Promise.resolve().then(build);
    try {
      return await (await handler)(event);
    } catch (error) {
      if (!(await handler.then(() => true, () => false))) handler = undefined;
      throw error;
    }
  };
}

let instance: { config: Config; adapters: InstanceAdapters; log: Logger; ctx: () => HandlerContext } | undefined;
function current() {
  if (!instance) {
    const config = loadConfig();
    const log = createLogger({ service: config.runtime.service ?? 'local' });
    const secrets = () => loadSecrets({ config, names: ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'] });
    const adapters = instanceAdapters(config, { secrets, logger: log });
    const fault = faultPoints(config.testing.fault);
    const ctx = () => ({ bus: adapters.bus(), log, now: () => new Date(), maxEventAgeMs: config.events.maxAgeSeconds * 1000, fault });
    instance = { config, adapters, log, ctx };
  }
  return instance;
}

/** The deployed handlers, one per Cloud Function, wired to this instance's adapters. */
export const handlers = {
  fetchMarketData: lazy(() => {
    const { config, adapters, ctx } = current();
    const universe = { crypto: config.universe.cryptoSymbols, equity: config.universe.equitySymbols };
    return createFetchMarketData({ ...ctx(), source: adapters.marketSource(), universe });
  }),
  generateSignals: lazy(() => createGenerateSignals({ ...current().ctx(), tuning: current().config.signals })),
  persistState: lazy(() => {
    const { config, adapters, ctx } = current();
    return createPersistState({ ...ctx(), store: adapters.store(), cooldownScope: config.risk.cooldownScope });
  }),
  notifyDiscord: lazy(async () => {
    const { config, adapters, ctx, log } = current();
    const secrets = await loadSecrets({ config, names: Object.values(ROUTE_SECRETS) });
    // Deployed (on Cloud Functions, not the emulators), every route needs its webhook: a missing one is a
    // ConfigError. A local or emulated server posts to Discord when a webhook is configured, else to the console.
    const deployed = config.runtime.onCloud && config.gcp.pubsubEmulatorHost === undefined;
    const discord = deployed || Object.values(ROUTE_SECRETS).some((name) => secrets.has(name));
    const store = adapters.store();
    const sink = discord ? discordSinkFromConfig({ config, secrets, store, log }) : createOutboxSink({});
    return createNotifyDiscord({ ...ctx(), store, sink, testMode: config.testMode });
  }),
  recordDeadLetter: lazy(() => {
    const { adapters, log } = current();
    return createRecordDeadLetter({ store: adapters.store(), log, now: () => new Date() });
  }),
};
