import type { Config } from '../config/config.types.js';
import type { Logger } from '../log/logger.js';
import { alpacaThrottleFor } from '../market-data/alpaca-instance-source.js';
import { rebuildOnRotation } from '../secrets/rotation.js';
import type { Secrets } from '../secrets/index.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Throttle } from '../throttle/throttle.js';
import type { Broker } from './broker.port.js';
import { configuredTradeStore } from './configured-trading.js';
import { configuredBroker } from './execution-setup.js';

const byConfig = new WeakMap<Config, Promise<{ trades: TradeStore; broker: Broker }>>();

/** A broker that asks `current` for the broker to use at each call (the same one until the keys rotate). */
function followingRotation(mode: Broker['mode'], current: () => Promise<Broker>): Broker {
  return {
    mode,
    account: async (asOf) => (await current()).account(asOf),
    asset: async (symbol) => (await current()).asset(symbol),
    submit: async (request) => (await current()).submit(request),
    orderByClientId: async (clientOrderId) => (await current()).orderByClientId(clientOrderId),
    order: async (orderId) => (await current()).order(orderId),
    openOrders: async () => (await current()).openOrders(),
    replace: async (orderId, changes, referencePrice) => (await current()).replace(orderId, changes, referencePrice),
    cancel: async (orderId) => (await current()).cancel(orderId),
    positions: async () => (await current()).positions(),
    closePosition: async (symbol, qty, referencePrice) => (await current()).closePosition(symbol, qty, referencePrice),
    cryptoFees: async (after) => (await current()).cryptoFees(after),
  };
}

/**
 * One trade store and broker per instance (per configuration object), built at first use from the instance's
 * secrets; a failed build (a missing key) is tried again at the next message. The secrets are asked again at every
 * broker call (cached for SECRET_CACHE_TTL_SECONDS): rotated Alpaca keys rebuild the broker, so a rotation needs no
 * redeploy. Every build goes through the instance's one Alpaca throttle.
 */
export function instanceTrading(deps: {
  readonly config: Config;
  readonly log: Logger;
  secrets(): Promise<Secrets>;
  /** The instance's one Alpaca throttle, shared with its market data (DESIGN: one bucket per process). */
  alpacaThrottle?(): Throttle;
}): Promise<{ trades: TradeStore; broker: Broker }> {
  let built = byConfig.get(deps.config);
  if (built === undefined) {
    built = (async () => {
      const trades = configuredTradeStore(deps.config);
      const throttle = deps.alpacaThrottle?.() ?? alpacaThrottleFor(deps.config);
      const current = rebuildOnRotation(deps.secrets, ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'], (secrets) =>
        configuredBroker({ config: deps.config, trades, credentials: secrets.alpacaCredentials(), logger: deps.log, throttle }),
      );
      try {
        return { trades, broker: followingRotation((await current()).mode, current) };
      } catch (error) {
        await trades.close();
        throw error;
      }
    })();
    built.catch(() => byConfig.delete(deps.config));
    byConfig.set(deps.config, built);
  }
  return built;
}
