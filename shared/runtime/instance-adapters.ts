import type { Bus } from '../bus/bus.port.js';
import type { Config } from '../config/index.js';
import { ConfigError } from '../errors/errors.js';
import { createReplaySource } from '../market-data/replay-source.js';
import type { MarketDataSource } from '../market-data/market-data-source.port.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { StateStore } from '../store/store.port.js';

/**
 * The adapters a deployed function instance plugs into its ports, chosen from configuration once per
 * instance. The Pub/Sub bus, the Firestore store and the Alpaca source arrive with the Google Cloud
 * adapters; until then a deployed function says so at its first message instead of failing obscurely.
 */
export interface InstanceAdapters {
  bus(): Bus;
  store(): StateStore;
  marketSource(): MarketDataSource;
}

function notYet(what: string, variable: string): never {
  throw new ConfigError([{ variable, reason: `${what} is not available in this build yet (Google Cloud adapters)` }]);
}

/** Lazily built, memoised adapters for one instance. */
export function instanceAdapters(config: Config): InstanceAdapters {
  let store: StateStore | undefined;
  let source: MarketDataSource | undefined;
  return {
    bus: () => notYet('the Pub/Sub bus', config.gcp.pubsubEmulatorHost ? 'PUBSUB_EMULATOR_HOST' : 'GOOGLE_CLOUD_PROJECT'),
    store: () => {
      if (config.store.kind !== 'sqlite') return notYet('the Firestore store', 'STORE');
      store ??= openSqliteStore({ path: config.store.sqlitePath, environment: config.environment });
      return store;
    },
    marketSource: () => {
      if (config.marketData.source === 'alpaca') return notYet('the Alpaca market data source', 'MARKET_DATA_SOURCE');
      source ??= createReplaySource();
      return source;
    },
  };
}
