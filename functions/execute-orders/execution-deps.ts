import type { AssetClass, Bar, Timeframe } from '../../shared/domain/bar.js';
import { LIFECYCLE_EVENT_TYPES } from '../../shared/domain/signal.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { TradeStore } from '../../shared/store/trade-store.port.js';
import type { Broker } from '../../shared/trading/broker.port.js';

/** The risk settings executeOrders applies (from config.risk and config.execution). */
export interface ExecutionLimits {
  readonly riskPerTradeUsd: number;
  readonly riskFractionOfEquity?: number | undefined;
  readonly maxPositionNotionalUsd: number;
  readonly maxPositionQty: Readonly<Record<AssetClass, number>>;
  readonly minOrderNotionalUsd: number;
  readonly minAssetBuyingPowerUsd: number;
  readonly maxDailyDrawdownFraction: number;
  readonly maxPositions: Readonly<Record<AssetClass, number>>;
  readonly maxCorrelation: number;
  readonly maxExposureFraction: Readonly<Record<AssetClass, number>>;
  /** A crypto protective stop_limit's limit lies this fraction below its stop. */
  readonly stopLimitOffsetFraction: number;
}

/** What executeOrders needs from its instance. */
export interface ExecuteOrdersDeps extends HandlerContext {
  readonly trades: TradeStore;
  /** Alpaca paper (journaled) or the simulated broker. */
  readonly broker: Broker;
  readonly limits: ExecutionLimits;
  /** The subscription's delivery attempts before dead-lettering (DEAD_LETTER_MAX_ATTEMPTS): the last one gives up waiting. */
  readonly maxDeliveryAttempts: number;
  /** The kill switch's flag (built by the operations work): while true no new entry is sent; protective orders stay. */
  readonly paused: () => Promise<boolean>;
  /** Daily bars of a symbol closed by `asOf`, kept in the store (the bar ledger), for the correlation gate; never a broker call. */
  readonly dailyBars: (symbol: string, asOf: string) => Promise<readonly Bar[]>;
  /** Waits between looks at a busy trade desk (shared/trading/trade-desk.ts); faked in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The open of the first bar after `afterIso` (the simulated entry price); null when not known yet. */
  readonly nextOpen?: (symbol: string, timeframe: Timeframe, afterIso: string) => Promise<number | null>;
}

/** The event types executeOrders acts on (its subscription filter): new signals and every lifecycle step but gaps. */
export const EXECUTION_EVENT_TYPES: readonly string[] = [
  'signal.created',
  ...LIFECYCLE_EVENT_TYPES.filter((type) => type !== 'signal.gap'),
];
