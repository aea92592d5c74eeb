import type { AssetClass, Bar, Timeframe } from '../domain/bar.js';
import type { Config } from '../config/config.types.js';
import { ConfigError } from '../errors/errors.js';
import type { Logger } from '../log/logger.js';
import type { MarketDataSource } from '../market-data/market-data-source.port.js';
import { timeframeMs } from '../domain/bar.js';
import type { BarLedger } from '../market-data/bar-ledger.js';
import { alpacaThrottleFor } from '../market-data/alpaca-instance-source.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Throttle } from '../throttle/throttle.js';
import { createAlpacaBroker } from './alpaca-broker.js';
import type { Broker } from './broker.port.js';
import { journaled } from './journaled-broker.js';
import { createSimulatedBroker } from './simulated-broker.js';

/** The risk and execution settings executeOrders reads, from configuration. */
export function executionLimitsOf(config: Pick<Config, 'risk' | 'execution'>) {
  const { risk } = config;
  return {
    riskPerTradeUsd: risk.riskPerTradeUsd,
    riskFractionOfEquity: risk.riskFractionOfEquity,
    maxPositionNotionalUsd: risk.maxPositionNotionalUsd,
    maxPositionQty: { CRYPTO: risk.maxCryptoPositionQty, EQUITY: risk.maxEquityPositionQty } as Record<AssetClass, number>,
    minOrderNotionalUsd: risk.minOrderNotionalUsd,
    minAssetBuyingPowerUsd: risk.minAssetBuyingPowerUsd,
    maxDailyDrawdownFraction: risk.maxDailyDrawdownFraction,
    maxPositions: { CRYPTO: risk.maxCryptoPositions, EQUITY: risk.maxEquityPositions } as Record<AssetClass, number>,
    maxCorrelation: risk.maxCorrelation,
    maxExposureFraction: risk.maxExposureFraction,
    stopLimitOffsetFraction: config.execution.stopLimitOffsetFraction,
  };
}

/**
 * The broker configuration asks for, journaled: Alpaca paper when `config.execution.brokerOrders` (ENABLE_EXECUTION,
 * paper, an accepted host, and prod on Cloud Functions) and `simulated` is not forced; else the simulated broker.
 * Alpaca without keys is a ConfigError. The trading API gets its own throttle (200/min per account).
 */
export function configuredBroker(options: {
  readonly config: Pick<Config, 'execution' | 'alpaca' | 'simulation' | 'marketData'>;
  readonly trades: TradeStore;
  readonly credentials: { readonly keyId: string; readonly secretKey: string } | undefined;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** A replay of the past is never sent to a broker. */
  readonly forceSimulated?: boolean;
  /** The trading API's throttle, when one outlives this broker (an instance rebuilding it for rotated keys). */
  readonly throttle?: Throttle;
}): Broker {
  const { config, trades } = options;
  const now = options.now ?? (() => new Date());
  let broker: Broker;
  if (config.execution.brokerOrders && options.forceSimulated !== true) {
    if (options.credentials === undefined) {
      throw new ConfigError([
        { variable: 'ALPACA_API_KEY', reason: 'and ALPACA_SECRET_KEY are needed for paper orders (ENABLE_EXECUTION=true)' },
      ]);
    }
    broker = createAlpacaBroker({
      ...options.credentials,
      tradingBaseUrl: config.alpaca.tradingBaseUrl,
      throttle: options.throttle ?? alpacaThrottleFor(config),
      logger: options.logger,
    });
  } else {
    broker = createSimulatedBroker({
      store: trades,
      startingEquityUsd: config.simulation.startingEquityUsd,
      feeBps: config.simulation.feeBps,
      slippageBps: config.simulation.slippageBps,
      now,
    });
  }
  return journaled(broker, trades, now);
}

/** Recent daily bars from the bar ledger (kept by market data scans): what the correlation gate reads. */
export function ledgerDailyBars(
  ledger: Pick<BarLedger, 'getBarLedger'>,
): (symbol: string, asOf: string) => Promise<readonly Bar[]> {
  return async (symbol) => (await ledger.getBarLedger(symbol, '1Day'))?.bars.slice(-91) ?? [];
}

/** Daily bars and the next bar's open from a market data source (the bundled replay data locally). */
export function sourcePrices(source: MarketDataSource) {
  const FAR = 10 * 365 * 86_400_000;
  return {
    dailyBars: async (symbol: string, asOf: string): Promise<readonly Bar[]> => {
      const [result] = await source.closedBars({ symbols: [symbol], timeframe: '1Day', asOf: new Date(asOf), lookbackBars: 91 });
      return result === undefined || 'problem' in result ? [] : result.bars;
    },
    nextOpen: async (symbol: string, timeframe: Timeframe, afterIso: string): Promise<number | null> => {
      const after = Date.parse(afterIso);
      const [result] = await source.closedBars({
        symbols: [symbol],
        timeframe,
        asOf: new Date(after + FAR),
        lookbackBars: 1_000_000,
      });
      if (result === undefined || 'problem' in result) return null;
      const next = result.bars.find((bar) => Date.parse(bar.timestamp) >= after);
      return next === undefined || Date.parse(next.timestamp) + timeframeMs(timeframe) < after ? null : next.open;
    },
  };
}
