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
import { createOutboxSink } from './notify-discord/outbox-sink.js';
import { createPersistState } from './persist-state/index.js';
import { createRecordDeadLetter } from './record-dead-letter/index.js';

type Handler = (event: PushEventLike) => Promise<void>;

/** Builds a handler at its first message, once per instance (cold start does config and clients once). */
function lazy(build: () => Handler): Handler {
  let handler: Handler | undefined;
  return (event) => (handler ??= build())(event);
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
  generateSignals: lazy(() => createGenerateSignals(current().ctx())),
  persistState: lazy(() => {
    const { config, adapters, ctx } = current();
    return createPersistState({ ...ctx(), store: adapters.store(), cooldownScope: config.risk.cooldownScope });
  }),
  notifyDiscord: lazy(() => {
    const { config, adapters, ctx } = current();
    return createNotifyDiscord({ ...ctx(), store: adapters.store(), sink: createOutboxSink({}), testMode: config.testMode });
  }),
  recordDeadLetter: lazy(() => {
    const { adapters, log } = current();
    return createRecordDeadLetter({ store: adapters.store(), log, now: () => new Date() });
  }),
};
