import type { Config } from '../config/config.types.js';
import type { Logger } from '../log/logger.js';
import { loadSecrets } from '../secrets/index.js';
import { createFirestoreClient } from '../store/firestore-client.js';
import { openFirestoreTradeStore } from '../store/firestore-trade-store.js';
import { openSqliteTradeStore } from '../store/sqlite-trade-store.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Broker } from './broker.port.js';
import { configuredBroker } from './execution-setup.js';

/** The trade store configuration points at: SQLite beside the state store, or Firestore. */
export function configuredTradeStore(config: Config): TradeStore {
  return config.store.kind === 'firestore'
    ? openFirestoreTradeStore({ firestore: createFirestoreClient(config), environment: config.environment })
    : openSqliteTradeStore({ path: config.store.sqlitePath, environment: config.environment });
}

/** The trade store and the configured broker (Alpaca paper with its keys when allowed, else the simulated one). */
export async function configuredTrading(config: Config, logger: Logger): Promise<{ trades: TradeStore; broker: Broker }> {
  const secrets = await loadSecrets({ config, names: ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'] });
  const trades = configuredTradeStore(config);
  return { trades, broker: configuredBroker({ config, trades, credentials: secrets.alpacaCredentials(), logger }) };
}
