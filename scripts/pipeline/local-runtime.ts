import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFolderOf } from '../../shared/store/sqlite-folder.js';
import type { DeliveryMode, InProcessBus } from '../../shared/bus/in-process-bus.js';
import { loadConfig } from '../../shared/config/index.js';
import type { Config } from '../../shared/config/index.js';
import { configureLogging, createLogger } from '../../shared/log/logger.js';
import type { LogFormat, LogLevel, LogStream } from '../../shared/log/logger.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { chooseNotificationSink } from '../../functions/notify-discord/sink-choice.js';
import type { DiscordChoice } from '../../functions/notify-discord/sink-choice.js';
import type { Notification, NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import { loadSecrets } from '../../shared/secrets/index.js';
import type { CooldownScope } from '../../functions/persist-state/cooldown.js';
import { analyticsPathFor, duckDbWarehouseAt } from '../../shared/analytics/duckdb-warehouse.js';
import type { Warehouse } from '../../shared/analytics/warehouse.port.js';
import { createArchiveAnalytics } from '../../functions/archive-analytics/index.js';
import { createExecuteOrders } from '../../functions/execute-orders/index.js';
import { handlerContext } from '../../functions/function-deps.js';
import { createPostDigest } from '../../functions/notify-discord/digest/post-digest.js';
import { createReconcileBroker } from '../../functions/reconcile-broker/index.js';
import type { FunctionName, FunctionRow } from '../../functions/topology.js';
import { sqlitePauseFlag } from '../../shared/control/sqlite-pause-flag.js';
import { createLocalPipeline } from './local-pipeline.js';
import { localMarketData, withBundledMarketData } from './local-market-data.js';
import { openSqliteTradeStore } from '../../shared/store/sqlite-trade-store.js';
import type { TradeStore } from '../../shared/store/trade-store.port.js';
import type { Broker } from '../../shared/trading/broker.port.js';
import { configuredBroker, executionLimitsOf, ledgerDailyBars, sourcePrices } from '../../shared/trading/execution-setup.js';
import type { LocalMarketData } from './local-market-data.js';

/** The outbox file sits beside the SQLite file (`.sentinel/` by default, or wherever SQLITE_PATH points). */
export function outboxPathFor(storePath: string): string {
  return join(dirname(storePath), 'outbox.jsonl');
}

/** What one local run observed on the bus: unique event ids per type, notifications and dead letters. */
export interface RunObservations {
  readonly events: Map<string, Set<string>>;
  readonly deadLetters: Set<string>;
  notifications: number;
}

/** The local system: configuration, store and the in-process pipeline with observers attached. */
export interface LocalRuntime {
  readonly config: Config;
  /** The state store's SQLite file. */
  readonly storePath: string;
  /** How handler logs are written (stderr; warnings and up unless LOG_LEVEL asks for more). */
  readonly logging: { readonly level: LogLevel; readonly format?: LogFormat };
  readonly store: StateStore;
  readonly bus: InProcessBus;
  readonly observed: RunObservations;
  /** Where scans get their bars (the bundled replay unless `marketData: 'configured'` finds Alpaca). */
  readonly market: LocalMarketData;
  /** The notification sink the pipeline uses (the outbox, or Discord with `discord`). */
  readonly sink: NotificationSink;
  /** The outbox file, when the sink is the outbox. */
  readonly outboxPath?: string;
  /** The DuckDB file archiveAnalytics writes, and the warehouse writing it (close it to release the file). */
  readonly analyticsPath: string;
  readonly warehouse: Warehouse;
  /** Paper trading's records (orders, positions, journal, snapshots) beside the state store. */
  readonly trades: TradeStore;
  /** The broker executeOrders uses: the simulated one unless `broker: 'configured'` and configuration allows Alpaca paper. */
  readonly broker: Broker;
  close(): Promise<void>;
}

export interface LocalRuntimeOptions {
  readonly reset?: boolean;
  readonly cooldownScope?: CooldownScope;
  /** Where readable notifications are printed (none: only the outbox file). */
  readonly notificationStream?: LogStream;
  readonly mode?: DeliveryMode;
  readonly storePath?: string;
  readonly outboxPath?: string;
  readonly analyticsPath?: string;
  /** Replaces the outbox sink (tests: a failing sink). */
  readonly sink?: NotificationSink;
  /**
   * Posts to the configured Discord webhooks instead of the outbox (`choice`: `required` by default, or
   * `when-configured`: only when a webhook is set); `onPosted` is called after each post (progress).
   */
  readonly discord?: { readonly onPosted?: (notification: Notification) => void; readonly choice?: DiscordChoice };
  /** `configured`: bars from where MARKET_DATA_SOURCE and the Alpaca keys say (`publish`, `run`); default the bundled data. */
  readonly marketData?: 'bundled' | 'configured';
  /**
   * `simulated` (default; a replay of the past is never traded) or `configured`: Alpaca paper when
   * ENABLE_EXECUTION=true and the rest of the rule allow it.
   */
  readonly broker?: 'simulated' | 'configured';
  /** The kill switch's paused flag (no new entries); default: never paused. */
  readonly paused?: () => Promise<boolean>;
}

/** Builds the local system on its embedded defaults: bundled data, SQLite, the outbox sink. */
export async function openLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const config = loadConfig();
  // Loaded up front even though the local sinks need none: every value is registered with the redactor
  // before any handler runs, so no log line, dead letter or file can carry one.
  const secrets = await loadSecrets({ config });
  // The local run prints its own report; handler logs go to stderr, warnings and up unless LOG_LEVEL asks for more.
  const level = process.env.LOG_LEVEL ? config.log.level : 'warn';
  const logging = { level, ...(config.log.format === 'auto' ? {} : { format: config.log.format }) };
  configureLogging({ stream: process.stderr, ...logging });
  const storePath = options.storePath ?? config.store.sqlitePath;
  const outboxPath = options.outboxPath ?? outboxPathFor(storePath);
  const analyticsPath = options.analyticsPath ?? analyticsPathFor(storePath);
  if (options.reset) {
    const files = [storePath, `${storePath}-wal`, `${storePath}-shm`, outboxPath, analyticsPath, `${analyticsPath}.wal`];
    for (const file of files) rmSync(file, { force: true });
  }
  makeFolderOf(storePath);
  const store = openSqliteStore({ path: storePath, environment: config.environment });
  const observed: RunObservations = { events: new Map(), deadLetters: new Set(), notifications: 0 };
  const log = createLogger({ run: 'local' });
  const chosen = options.sink
    ? { kind: 'given', sink: options.sink }
    : chooseNotificationSink({
        config,
        secrets,
        store,
        log,
        discord: options.discord ? (options.discord.choice ?? 'required') : 'never',
        outbox: { path: outboxPath, ...(options.notificationStream ? { stream: options.notificationStream } : {}) },
        ...(options.discord?.onPosted ? { onPosted: options.discord.onPosted } : {}),
      });
  const outbox = chosen.sink;
  const sink: NotificationSink = {
    channel: outbox.channel,
    ...(outbox.channelFor ? { channelFor: outbox.channelFor.bind(outbox) } : {}),
    send: async (notification: Notification) => {
      const receipt = await outbox.send(notification);
      observed.notifications++;
      return receipt;
    },
  };
  const warehouse = duckDbWarehouseAt(analyticsPath);
  let market: LocalMarketData;
  try {
    const marketConfig = options.marketData === 'configured' ? config : withBundledMarketData(config);
    market = localMarketData({ config: marketConfig, secrets, ledger: store, log });
  } catch (error) {
    await store.close();
    throw error;
  }
  const trades = openSqliteTradeStore({ path: storePath, environment: config.environment });
  let broker: Broker;
  try {
    broker = configuredBroker({
      config,
      trades,
      credentials: secrets.alpacaCredentials(),
      logger: log,
      forceSimulated: options.broker !== 'configured',
      // One bucket for every Alpaca call of the process (DESIGN §5): the broker's and the scans'.
      ...(market.throttle ? { throttle: market.throttle } : {}),
    });
  } catch (error) {
    await trades.close();
    await store.close();
    throw error;
  }
  // The bundled data gives the simulated broker its next-bar opens and the correlation gate its closes (as of the
  // signal); with configured market data the gate reads the bar ledger and entries fill at the signal's price.
  const prices = options.marketData === 'configured' ? { dailyBars: ledgerDailyBars(store) } : sourcePrices(market.source);
  const cooldownScope = options.cooldownScope ?? config.risk.cooldownScope;
  const pauseFlag = sqlitePauseFlag(storePath, config.environment);
  const execution = {
    trades,
    broker,
    limits: executionLimitsOf(config),
    maxDeliveryAttempts: config.events.deadLetterMaxAttempts,
    paused: options.paused ?? (async () => (await pauseFlag.get()).paused),
    ...prices,
  };
  // The rows that need this machine's adapters (the DuckDB file, the trade store and broker beside the SQLite file).
  const builds: Readonly<Partial<Record<FunctionName, FunctionRow['build']>>> = {
    executeOrders: (deps) => createExecuteOrders({ ...deps, ...execution }),
    reconcileBroker: (deps) =>
      createReconcileBroker({
        ...handlerContext(deps),
        trades,
        broker,
        stopLimitOffsetFraction: config.execution.stopLimitOffsetFraction,
      }),
    archiveAnalytics: (deps) => createArchiveAnalytics({ ...handlerContext(deps), warehouse }),
    postDigest: async (deps) =>
      createPostDigest({
        ...handlerContext(deps),
        warehouse,
        store,
        sink: await deps.notificationSink(),
        testMode: config.testMode,
      }),
  };
  const bus = createLocalPipeline({
    config: { ...config, risk: { ...config.risk, cooldownScope } },
    store,
    source: market.source,
    sink,
    log,
    secrets,
    builds,
    pauseFlag,
    ...(options.mode ? { mode: options.mode } : {}),
  });
  bus.subscribe({ name: 'run-observer-events', topic: TOPICS.events }, async (event) => {
    const { attributes, data } = readPushMessage(event);
    const ids = observed.events.get(attributes.type ?? 'unknown') ?? new Set<string>();
    ids.add(data);
    observed.events.set(attributes.type ?? 'unknown', ids);
  });
  bus.subscribe({ name: 'run-observer-dead-letters', topic: TOPICS.deadLetters }, async (event) => {
    observed.deadLetters.add(readPushMessage(event).attributes.sourceMessageId ?? readPushMessage(event).messageId);
  });
  const usesOutbox = chosen.kind === 'outbox';
  return {
    config,
    storePath,
    logging,
    store,
    bus,
    observed,
    market,
    sink,
    analyticsPath,
    warehouse,
    trades,
    broker,
    ...(usesOutbox ? { outboxPath } : {}),
    close: async () => {
      await warehouse.close();
      pauseFlag.close();
      await trades.close();
      await store.close();
    },
  };
}
