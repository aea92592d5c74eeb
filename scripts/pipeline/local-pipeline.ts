import { InProcessBus } from '../../shared/bus/in-process-bus.js';
import type { DeliveryMode } from '../../shared/bus/in-process-bus.js';
import type { Logger } from '../../shared/log/logger.js';
import type { MarketDataSource } from '../../shared/market-data/market-data-source.port.js';
import { TOPICS } from '../../shared/messages/topics.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { createFetchMarketData } from '../../functions/fetch-market-data/index.js';
import type { EngineTuning } from '../../functions/generate-signals/candidates/index.js';
import { createGenerateSignals } from '../../functions/generate-signals/index.js';
import { createNotifyDiscord } from '../../functions/notify-discord/index.js';
import type { NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import type { CooldownScope } from '../../functions/persist-state/cooldown.js';
import { createPersistState } from '../../functions/persist-state/index.js';
import { createRecordDeadLetter } from '../../functions/record-dead-letter/index.js';

/** Everything the local pipeline is made of; each piece is the same port production plugs into. */
export interface LocalPipelineOptions {
  readonly store: StateStore;
  readonly source: MarketDataSource;
  readonly sink: NotificationSink;
  readonly log: Logger;
  readonly universe: { readonly crypto: readonly string[]; readonly equity: readonly string[] };
  readonly cooldownScope: CooldownScope;
  readonly testMode: boolean;
  readonly maxEventAgeMs: number;
  readonly maxDeliveryAttempts: number;
  readonly mode?: DeliveryMode;
  readonly now?: () => Date;
  /** The detection parameters an operator may set; the engine's defaults when absent. */
  readonly tuning?: EngineTuning;
}

/**
 * The deployed topology of DESIGN §1 in one process: the same topics, push subscriptions (dead-letter
 * policy included) and handlers, on the in-process bus. Publish a message, then `drain()`.
 */
export function createLocalPipeline(options: LocalPipelineOptions): InProcessBus {
  const bus = new InProcessBus(options.mode);
  const ctx = { bus, log: options.log, now: options.now ?? (() => new Date()), maxEventAgeMs: options.maxEventAgeMs };
  const subscription = (name: string, topic: string) => ({
    name,
    topic,
    maxDeliveryAttempts: options.maxDeliveryAttempts,
    deadLetterTopic: TOPICS.deadLetters,
  });
  bus.subscribe(
    subscription('fetch-market-data', TOPICS.scanRequests),
    createFetchMarketData({ ...ctx, source: options.source, universe: options.universe }),
  );
  bus.subscribe(subscription('generate-signals', TOPICS.marketBars), createGenerateSignals({ ...ctx, ...(options.tuning ? { tuning: options.tuning } : {}) }));
  bus.subscribe(
    subscription('persist-state', TOPICS.analyses),
    createPersistState({ ...ctx, store: options.store, cooldownScope: options.cooldownScope }),
  );
  bus.subscribe(
    subscription('notify-discord', TOPICS.events),
    createNotifyDiscord({ ...ctx, store: options.store, sink: options.sink, testMode: options.testMode }),
  );
  bus.subscribe(
    { name: 'record-dead-letter', topic: TOPICS.deadLetters, maxDeliveryAttempts: options.maxDeliveryAttempts },
    createRecordDeadLetter({ store: options.store, log: options.log, now: ctx.now }),
  );
  return bus;
}
