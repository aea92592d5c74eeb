import type { Bus } from '../bus/bus.port.js';
import { firestorePauseFlag } from '../control/firestore-pause-flag.js';
import type { PauseFlag } from '../control/pause-flag.js';
import { sqlitePauseFlag } from '../control/sqlite-pause-flag.js';
import { createPubSubClient } from '../bus/pubsub-client.js';
import { createPubSubBus } from '../bus/pubsub-bus.js';
import type { Config } from '../config/index.js';
import { alpacaThrottleFor, configuredMarketSource } from '../market-data/alpaca-instance-source.js';
import type { MarketSourceNeeds } from '../market-data/alpaca-instance-source.js';
import type { MarketDataSource } from '../market-data/market-data-source.port.js';
import { createFirestoreClient } from '../store/firestore-client.js';
import { openFirestoreStore } from '../store/firestore-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { StateStore } from '../store/store.port.js';
import type { Throttle } from '../throttle/throttle.js';
import type { SessionCalendarCache } from '../market-data/calendar/session-calendar-cache.port.js';
import { firestoreSessionCalendarCache } from '../store/firestore-session-calendar.js';
import { openSqliteSessionCalendarCache } from '../store/sqlite-session-calendar.js';

/**
 * The adapters a deployed function instance plugs into its ports, chosen from configuration once per
 * instance.
 */
export interface InstanceAdapters {
  bus(): Bus;
  store(): StateStore;
  marketSource(): MarketDataSource;
  /** The one throttle in front of every Alpaca call of this instance. */
  alpacaThrottle(): Throttle;
  /** The kill switch beside the store (`sentinel pause` / `resume`). */
  pauseFlag(): PauseFlag;
}

/** Lazily built, memoised adapters for one instance; `needs` brings what the Alpaca source needs (its secrets). */
export function instanceAdapters(config: Config, needs: MarketSourceNeeds = {}): InstanceAdapters {
  let store: StateStore | undefined;
  let source: MarketDataSource | undefined;
  let throttle: Throttle | undefined;
  let bus: Bus | undefined;
  let pause: PauseFlag | undefined;
  const adapters: InstanceAdapters = {
    // A deployed function always publishes on Pub/Sub (GOOGLE_CLOUD_PROJECT, or PUBSUB_EMULATOR_HOST on the emulator).
    bus: () => (bus ??= createPubSubBus({ pubsub: createPubSubClient(config) })),
    store: () => {
      // TTL_DAYS_PROD / TTL_DAYS_DEV: how long a terminal signal is kept (DESIGN decision 16).
      const ttl = {
        signalsMs: (config.environment === 'prod' ? config.store.ttlDaysProd : config.store.ttlDaysDev) * 86_400_000,
      };
      store ??=
        config.store.kind === 'firestore'
          ? openFirestoreStore({ firestore: createFirestoreClient(config), environment: config.environment, ttl })
          : openSqliteStore({ path: config.store.sqlitePath, environment: config.environment, ttl });
      return store;
    },
    marketSource: () => {
      // The bar ledger lives in this instance's state store.
      source ??= configuredMarketSource(config, needs, {
        throttle: adapters.alpacaThrottle,
        ledger: adapters.store,
        calendarCache: () => sessionCalendarCacheFor(config),
      });
      return source;
    },
    alpacaThrottle: () => (throttle ??= alpacaThrottleFor(config)),
    pauseFlag: () =>
      (pause ??=
        config.store.kind === 'firestore'
          ? firestorePauseFlag(createFirestoreClient(config), config.environment)
          : sqlitePauseFlag(config.store.sqlitePath, config.environment)),
  };
  return adapters;
}

/** Where Alpaca's equity calendar is remembered: beside the state store. */
function sessionCalendarCacheFor(config: Config): SessionCalendarCache {
  return config.store.kind === 'firestore'
    ? firestoreSessionCalendarCache({ firestore: createFirestoreClient(config), environment: config.environment })
    : openSqliteSessionCalendarCache({ path: config.store.sqlitePath, environment: config.environment });
}
