import type { Config } from '../config/config.types.js';
import type { Logger } from '../log/logger.js';
import type { Secrets } from '../secrets/index.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Broker } from './broker.port.js';
import { configuredTradeStore } from './configured-trading.js';
import { configuredBroker } from './execution-setup.js';

const byConfig = new WeakMap<Config, Promise<{ trades: TradeStore; broker: Broker }>>();

/**
 * One trade store and broker per instance (per configuration object), built at first use from the instance's
 * secrets; a failed build (a missing key) is tried again at the next message.
 */
export function instanceTrading(deps: {
  readonly config: Config;
  readonly log: Logger;
  secrets(): Promise<Secrets>;
}): Promise<{ trades: TradeStore; broker: Broker }> {
  let built = byConfig.get(deps.config);
  if (built === undefined) {
    built = (async () => {
      const secrets = await deps.secrets();
      const trades = configuredTradeStore(deps.config);
      return {
        trades,
        broker: configuredBroker({ config: deps.config, trades, credentials: secrets.alpacaCredentials(), logger: deps.log }),
      };
    })();
    built.catch(() => byConfig.delete(deps.config));
    byConfig.set(deps.config, built);
  }
  return built;
}
