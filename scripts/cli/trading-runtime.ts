import type { Bus } from '../../shared/bus/bus.port.js';
import { createPubSubBus } from '../../shared/bus/pubsub-bus.js';
import { createPubSubClient, wantsPubSub } from '../../shared/bus/pubsub-client.js';
import type { Config } from '../../shared/config/config.types.js';
import type { Logger, LogStream } from '../../shared/log/logger.js';
import type { TradeStore } from '../../shared/store/trade-store.port.js';
import type { Broker } from '../../shared/trading/broker.port.js';
import { configuredTrading } from '../../shared/trading/configured-trading.js';
import { openLocalRuntime } from '../pipeline/local-runtime.js';

/** The trade store, broker and bus a trading command by hand acts through; `finish` delivers what it published. */
export interface TradingCommandRuntime {
  readonly trades: TradeStore;
  readonly broker: Broker;
  readonly bus: Bus;
  finish(): Promise<void>;
}

/**
 * What `sentinel reconcile` and `sentinel pause --close-all` act through, so the trade events they publish
 * (`trade.closed`, `trade.fee`, …) reach their consumers: Pub/Sub when a project or emulator is configured (the
 * deployed notifyDiscord and archiveAnalytics take them), else the local system's own (the outbox, whose
 * notifications are written to `notifications`, and the local archive), drained before `finish` returns.
 */
export async function tradingCommandRuntime(
  config: Config,
  logger: Logger,
  notifications: LogStream,
): Promise<TradingCommandRuntime> {
  if (wantsPubSub(config)) {
    const { trades, broker } = await configuredTrading(config, logger);
    const bus = createPubSubBus({ pubsub: createPubSubClient(config) });
    return {
      trades,
      broker,
      bus,
      finish: async () => {
        await bus.close();
        await trades.close();
      },
    };
  }
  const runtime = await openLocalRuntime({ broker: 'configured', notificationStream: notifications });
  return {
    trades: runtime.trades,
    broker: runtime.broker,
    bus: runtime.bus,
    finish: async () => {
      await runtime.bus.drain();
      await runtime.close();
    },
  };
}
