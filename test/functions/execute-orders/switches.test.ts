import test from 'ava';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { parseConfig } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import { encodeMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { openSqliteTradeStore } from '../../../shared/store/sqlite-trade-store.js';
import { configuredBroker, executionLimitsOf } from '../../../shared/trading/execution-setup.js';
import { createExecuteOrders } from '../../../functions/execute-orders/index.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { KEYS } from '../../shared/market-data/alpaca-fixture.js';
import { captureLogger } from '../../shared/log/capture.js';
import { created, cryptoSignal, decidedAMinuteAgo } from './trading-fixture.js';

/** Runs one created signal through executeOrders built from `env` exactly as an instance would; returns the orders the server saw. */
async function ordersSentWith(env: (url: string) => Record<string, string>) {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': [] }, stocks: {}, trading: { prices: { 'BTC/USD': 62_000 } } });
  const trades = openSqliteTradeStore({ path: ':memory:', environment: 'dev' });
  try {
    let config;
    try {
      config = parseConfig(env(server.url));
    } catch (error) {
      if (error instanceof ConfigError)
        return {
          refused: error,
          posts: server.requests.filter((r) => r.method === 'POST').length,
          requests: server.requests.length,
        };
      throw error;
    }
    const log = captureLogger().logger;
    const broker = configuredBroker({ config, trades, credentials: KEYS, logger: log });
    const bus = new InProcessBus();
    bus.subscribe(
      { name: 'execute-orders', topic: 'events' },
      createExecuteOrders({
        bus,
        log,
        now: decidedAMinuteAgo,
        maxEventAgeMs: 3_600_000,
        trades,
        broker,
        limits: executionLimitsOf(config),
        maxDeliveryAttempts: config.events.deadLetterMaxAttempts,
        paused: async () => false,
        dailyBars: async () => [],
      }),
    );
    await bus.publish('events', encodeMessage(signalEventKind, created(cryptoSignal())));
    await bus.drain();
    return {
      broker: broker.mode,
      posts: server.requests.filter((r) => r.method === 'POST').length,
      requests: server.requests.length,
      position: await trades.getPosition(cryptoSignal().signalId),
    };
  } finally {
    await trades.close();
    await server.close();
  }
}

test('all three switches on (execution, paper, a loopback test host): the order reaches the paper server', async (t) => {
  const result = await ordersSentWith((url) => ({
    ENABLE_EXECUTION: 'true',
    ALPACA_PAPER_TRADING: 'true',
    ALPACA_TRADING_BASE_URL: url,
  }));
  t.is(result.broker, 'alpaca');
  t.is(result.posts, 2, 'entry and protective stop');
});

test('ENABLE_EXECUTION off: the simulated broker fills, no request reaches the server', async (t) => {
  const result = await ordersSentWith((url) => ({ ENABLE_EXECUTION: 'false', ALPACA_TRADING_BASE_URL: url }));
  t.is(result.broker, 'simulated');
  t.is(result.requests, 0);
  t.like(result.position, { mode: 'simulated', status: 'open' });
});

test('ALPACA_PAPER_TRADING off is refused at start: nothing is sent', async (t) => {
  const result = await ordersSentWith((url) => ({
    ENABLE_EXECUTION: 'true',
    ALPACA_PAPER_TRADING: 'false',
    ALPACA_TRADING_BASE_URL: url,
  }));
  t.truthy(result.refused);
  t.is(result.requests, 0);
});

test('a live trading URL is refused at start, and an unknown host with execution on too: nothing is sent', async (t) => {
  const live = await ordersSentWith(() => ({ ENABLE_EXECUTION: 'true', ALPACA_TRADING_BASE_URL: 'https://api.alpaca.markets' }));
  t.regex(live.refused?.message ?? '', /live-money host/);
  t.is(live.requests, 0);
  const unknown = await ordersSentWith(() => ({
    ENABLE_EXECUTION: 'true',
    ALPACA_TRADING_BASE_URL: 'https://broker.example.test',
  }));
  t.regex(unknown.refused?.message ?? '', /ALPACA_TRADING_HOST_ALLOWLIST/);
});

test('dev on Cloud Functions simulates: the paper server sees nothing', async (t) => {
  const result = await ordersSentWith((url) => ({
    ENABLE_EXECUTION: 'true',
    ALPACA_TRADING_BASE_URL: url,
    K_SERVICE: 'executeOrders',
    GOOGLE_CLOUD_PROJECT: 'sentinel-dev',
    DISABLE_SECRET_MANAGER: 'true',
    STORE: 'firestore',
    FIRESTORE_EMULATOR_HOST: '127.0.0.1:1',
  }));
  t.is(result.broker, 'simulated');
  t.is(result.requests, 0);
});
