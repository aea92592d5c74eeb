import { InProcessBus } from '../../shared/bus/in-process-bus.js';
import type { DeliveryMode } from '../../shared/bus/in-process-bus.js';
import type { Config } from '../../shared/config/index.js';
import type { PauseFlag } from '../../shared/control/pause-flag.js';
import type { Logger } from '../../shared/log/logger.js';
import type { MarketDataSource } from '../../shared/market-data/market-data-source.port.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { memo } from '../../shared/runtime/memo.js';
import { Secrets } from '../../shared/secrets/index.js';
import type { StateStore } from '../../shared/store/store.port.js';
import type { FunctionDeps } from '../../functions/function-deps.js';
import type { NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import { FUNCTIONS, subscriptionName } from '../../functions/topology.js';
import type { FunctionName, FunctionRow } from '../../functions/topology.js';

/** Everything the local pipeline is made of; each piece is the same port production plugs into. */
export interface LocalPipelineOptions {
  readonly config: Config;
  readonly store: StateStore;
  readonly source: MarketDataSource;
  readonly sink: NotificationSink;
  readonly log: Logger;
  /** The secrets already loaded (none by default: the local adapters need none). */
  readonly secrets?: Secrets;
  /** Messages older than this are dropped (default: EVENT_MAX_AGE from the config). */
  readonly maxEventAgeMs?: number;
  readonly mode?: DeliveryMode;
  readonly now?: () => Date;
  /** The rows to run (default: the whole topology table). */
  readonly functions?: readonly FunctionRow[];
  /** The kill switch beside the store (`sentinel pause`); without one nothing pauses. */
  readonly pauseFlag?: PauseFlag;
  /** Local builds of some rows (their local adapters: the DuckDB file, the simulated broker), in place of the row's own. */
  readonly builds?: Readonly<Partial<Record<FunctionName, FunctionRow['build']>>>;
}

/**
 * How rows take their deliveries in one process, where production runs many instances: archiving is a sink nothing
 * else reads from, so its deliveries run together (one DuckDB transaction for many events) and may wait for a batch
 * while a replay walks on; every other row takes one message at a time.
 */
export const LOCAL_DELIVERY: Readonly<
  Partial<Record<FunctionName, { readonly concurrency: number; readonly deferrable?: boolean }>>
> = { archiveAnalytics: { concurrency: 64, deferrable: true } };

/**
 * The deployed topology of functions/topology.ts in one process: every row subscribed to its topic with its
 * filter, ordering and dead-letter policy, on the in-process bus, its handler built at the first message by the
 * row's own `build`. Publish a message, then `drain()`.
 */
export function createLocalPipeline(options: LocalPipelineOptions): InProcessBus {
  const { config } = options;
  const bus = new InProcessBus(options.mode);
  const secrets = options.secrets ?? new Secrets(new Map(), () => 'not loaded by this local run');
  const deps: FunctionDeps = {
    config,
    bus,
    log: options.log,
    now: options.now ?? (() => new Date()),
    maxEventAgeMs: options.maxEventAgeMs ?? config.events.maxAgeSeconds * 1000,
    secrets: async () => secrets,
    store: () => options.store,
    marketSource: () => options.source,
    notificationSink: async () => options.sink,
    ...(options.pauseFlag ? { pauseFlag: () => options.pauseFlag as PauseFlag } : {}),
  };
  for (const row of options.functions ?? FUNCTIONS) {
    const name = row.name as FunctionName;
    const build = options.builds?.[name] ?? row.build;
    const handler = memo(() => build(deps));
    bus.subscribe(
      {
        name: subscriptionName(config.environment, row.name),
        topic: row.trigger,
        filter: row.filter,
        ordered: row.ordered,
        maxDeliveryAttempts: config.events.deadLetterMaxAttempts,
        ...(row.deadLetter ? { deadLetterTopic: TOPICS.deadLetters } : {}),
        ...LOCAL_DELIVERY[name],
      },
      async (event) => (await handler())(event),
    );
  }
  return bus;
}
