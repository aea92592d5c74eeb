import type { Signal } from '../../../shared/domain/signal.js';
import { eventIdFor } from '../../../shared/domain/ids.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import type { DeliveryMode } from '../../../shared/bus/in-process-bus.js';
import { encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import type { PushEventLike } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import type { SignalEvent, SignalLifecycleEvent } from '../../../shared/messages/events.js';
import { TradeEventSchema } from '../../../shared/messages/trade-events.js';
import type { TradeEvent } from '../../../shared/messages/trade-events.js';
import { openSqliteTradeStore } from '../../../shared/store/sqlite-trade-store.js';
import type { TradeStore } from '../../../shared/store/trade-store.port.js';
import { createAlpacaBroker } from '../../../shared/trading/alpaca-broker.js';
import type { Broker } from '../../../shared/trading/broker.port.js';
import { journaled } from '../../../shared/trading/journaled-broker.js';
import { createThrottle } from '../../../shared/throttle/throttle.js';
import { createExecuteOrders } from '../../../functions/execute-orders/index.js';
import type { ExecutionLimits } from '../../../functions/execute-orders/index.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaServer } from '../../servers/alpaca-server.js';
import type { TradingServerOptions } from '../../servers/alpaca-trading-server.js';
import { KEYS } from '../../shared/market-data/alpaca-fixture.js';
import { captureLogger } from '../../shared/log/capture.js';
import { makeSignal, nowAfter, barTime } from '../persist-state/signal-factory.js';

export const LIMITS: ExecutionLimits = {
  riskPerTradeUsd: 150,
  maxPositionNotionalUsd: 50_000,
  maxPositionQty: { CRYPTO: 1_000, EQUITY: 10_000 },
  minOrderNotionalUsd: 15,
  minAssetBuyingPowerUsd: 100,
  maxDailyDrawdownFraction: 0.02,
  maxPositions: { CRYPTO: 5, EQUITY: 5 },
  maxCorrelation: 0.8,
  maxExposureFraction: { CRYPTO: 0.5, EQUITY: 0.8 },
  stopLimitOffsetFraction: 0.01,
};

/** A crypto signal: entry 62 000, stop 60 500 → 150 / 1 500 = 0.1 BTC. */
export const cryptoSignal = (overrides: Partial<Signal> = {}) => makeSignal(overrides);

/** An equity signal on SPY: entry 500, stop 485 → 150 / 15 = 10 shares; targets 515 / 530 / 545. */
export const equitySignal = (overrides: Partial<Signal> = {}) =>
  makeSignal({
    signalId: '6a1d2b3c-4d5e-5f60-8172-93a4b5c6d7e8',
    symbol: 'SPY',
    assetClass: 'EQUITY',
    entry: 500,
    stop: 485,
    currentStop: 485,
    invalidation: 490,
    tp1: 515,
    tp2: 530,
    tp3: 545,
    ...overrides,
  });

export function created(signal: Signal): SignalEvent {
  return {
    schemaVersion: 1,
    eventId: eventIdFor(signal.signalId, 'created'),
    type: 'signal.created',
    signalId: signal.signalId,
    symbol: signal.symbol,
    assetClass: signal.assetClass,
    timeframe: signal.timeframe,
    occurredAt: signal.updatedAt,
    signal,
  };
}

/** A lifecycle event `type` at bar `k` with `price`, the signal after it given by `after`. */
export function step(
  type: SignalLifecycleEvent['type'],
  signal: Signal,
  k: number,
  price: number,
  after: Partial<Signal>,
): SignalLifecycleEvent {
  const next = { ...signal, ...after, lastBarTimestamp: barTime(k), updatedAt: nowAfter(k) };
  return {
    schemaVersion: 1,
    eventId: eventIdFor(signal.signalId, `${type}|${k}`),
    type,
    signalId: signal.signalId,
    symbol: signal.symbol,
    assetClass: signal.assetClass,
    timeframe: signal.timeframe,
    occurredAt: nowAfter(k),
    barTimestamp: barTime(k),
    status: next.status,
    price,
    signal: next,
  };
}

/** executeOrders' clock: a minute after the fixture signals were decided (a signal older than an hour is not entered). */
export const decidedAMinuteAgo = () => new Date(Date.parse(nowAfter(0)) + 60_000);

/** What reconcile needs, on the harness's broker, store and bus (two days after the fixture signals' bar). */
export const reconcileDeps = (h: TradingHarness) => ({
  trades: h.trades,
  broker: h.broker,
  bus: h.bus,
  log: captureLogger().logger,
  now: () => new Date('2024-03-06T00:00:00Z'),
  stopLimitOffsetFraction: 0.01,
});

export interface TradingHarness {
  readonly server: AlpacaServer;
  readonly trades: TradeStore;
  readonly broker: Broker;
  readonly bus: InProcessBus;
  readonly published: TradeEvent[];
  /** The executeOrders push handler itself (to deliver events concurrently, as a push endpoint may). */
  readonly handler: (event: PushEventLike) => Promise<void>;
  deliver(...events: SignalEvent[]): Promise<void>;
  postsOf(clientOrderId?: string): number;
  close(): Promise<void>;
}

/** executeOrders on the in-process bus, the real Alpaca broker against the local server, trades in SQLite. */
export async function tradingHarness(
  options: {
    trading?: TradingServerOptions;
    paused?: boolean;
    mode?: DeliveryMode;
    wrap?: (broker: Broker) => Broker;
    limits?: Partial<ExecutionLimits>;
    /** A SQLite file for the trade store (in memory when absent). */
    tradesPath?: string;
    /** executeOrders' wait between looks at a busy trade desk (default: none). */
    sleep?: (ms: number) => Promise<void>;
    /** executeOrders' clock (default: a minute after the fixture signals were decided). */
    now?: () => Date;
  } = {},
): Promise<TradingHarness> {
  const server = await startAlpacaServer({
    crypto: { 'BTC/USD': [], 'ETH/USD': [] },
    stocks: { SPY: [] },
    trading: { prices: { 'BTC/USD': 62_000, 'ETH/USD': 3_000, SPY: 500 }, ...options.trading },
  });
  const trades = openSqliteTradeStore({ path: options.tradesPath ?? ':memory:', environment: 'dev' });
  const alpaca = createAlpacaBroker({
    ...KEYS,
    tradingBaseUrl: server.url,
    throttle: createThrottle({ perMinute: 10_000, minSpacingMs: 0 }),
    logger: captureLogger().logger,
    sleep: async () => {},
  });
  const broker = journaled(options.wrap ? options.wrap(alpaca) : alpaca, trades, () => new Date());
  const bus = new InProcessBus({ backoff: async () => {}, ...options.mode });
  const published: TradeEvent[] = [];
  bus.subscribe({ name: 'observer', topic: 'events' }, async (event) => {
    const raw = readPushMessage(event);
    const parsed = TradeEventSchema.safeParse(JSON.parse(Buffer.from(raw.data, 'base64').toString('utf8')));
    if (parsed.success) published.push(parsed.data);
  });
  const log = captureLogger().logger;
  const handler = createExecuteOrders({
    bus,
    log,
    now: options.now ?? decidedAMinuteAgo,
    maxEventAgeMs: 3_600_000,
    trades,
    broker,
    limits: { ...LIMITS, ...options.limits },
    maxDeliveryAttempts: 5,
    sleep: options.sleep ?? (async () => {}),
    paused: async () => options.paused ?? false,
    dailyBars: async () => [],
  });
  bus.subscribe({ name: 'execute-orders', topic: 'events', maxDeliveryAttempts: 5, deadLetterTopic: 'dead-letters' }, handler);
  return {
    server,
    trades,
    broker,
    bus,
    published,
    handler,
    async deliver(...events) {
      for (const event of events) await bus.publish('events', encodeMessage(signalEventKind, event));
      await bus.drain();
    },
    postsOf: (id) =>
      server.requests.filter(
        (r) =>
          r.method === 'POST' &&
          r.path === '/v2/orders' &&
          (id === undefined || (r.body as { client_order_id?: string } | undefined)?.client_order_id === id),
      ).length,
    close: async () => {
      await trades.close();
      await server.close();
    },
  };
}
