import type { ConfigEnv } from './config.schema.js';
import type { Config } from './config.types.js';

/** Alpaca's trading API root for paper or live accounts. */
export function defaultTradingBaseUrl(paper: boolean): string {
  return paper ? 'https://paper-api.alpaca.markets' : 'https://api.alpaca.markets';
}

/** The store used when STORE is unset: firestore on Cloud Functions, sqlite elsewhere. */
export function storeKind(env: Pick<ConfigEnv, 'STORE' | 'K_SERVICE'>): 'sqlite' | 'firestore' {
  return env.STORE ?? (env.K_SERVICE === undefined ? 'sqlite' : 'firestore');
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}

/** Turns parsed variables (which passed the cross-field rules) into the grouped, frozen `Config`. */
export function buildConfig(env: ConfigEnv): Config {
  const onCloud = env.K_SERVICE !== undefined;
  const prod = env.ENVIRONMENT === 'prod';
  return deepFreeze({
    environment: env.ENVIRONMENT,
    testMode: env.TEST_MODE,
    gcp: {
      projectId: env.GOOGLE_CLOUD_PROJECT,
      pubsubEmulatorHost: env.PUBSUB_EMULATOR_HOST,
      firestoreEmulatorHost: env.FIRESTORE_EMULATOR_HOST,
    },
    runtime: { service: env.K_SERVICE, onCloud, gitSha: env.GIT_SHA },
    universe: {
      cryptoSymbols: env.CRYPTO_SYMBOLS,
      equitySymbols: env.ENABLE_EQUITIES ? env.EQUITY_SYMBOLS : [],
      equitiesEnabled: env.ENABLE_EQUITIES,
    },
    marketData: {
      source: env.MARKET_DATA_SOURCE ?? 'auto',
      dataFeed: env.ALPACA_DATA_FEED,
      dataBaseUrl: env.ALPACA_DATA_BASE_URL,
      rateLimitDelaySeconds: env.RATE_LIMIT_DELAY,
      rateLimitPerMinute: env.ALPACA_RATE_LIMIT_PER_MINUTE,
    },
    signals: { harmonicRecencyBars: env.HARMONIC_RECENCY_BARS, stopBufferAtr: env.STOP_BUFFER_ATR },
    alpaca: { paperTrading: true, tradingBaseUrl: env.ALPACA_TRADING_BASE_URL ?? defaultTradingBaseUrl(true) },
    execution: { enabled: env.ENABLE_EXECUTION, brokerOrders: prod && env.ENABLE_EXECUTION },
    risk: {
      riskPerTradeUsd: env.RISK_PER_TRADE,
      minOrderNotionalUsd: env.MIN_ORDER_NOTIONAL_USD,
      maxCryptoPositions: env.MAX_CRYPTO_POSITIONS,
      maxEquityPositions: env.MAX_EQUITY_POSITIONS,
      maxCryptoPositionQty: env.MAX_CRYPTO_POSITION_QTY,
      maxEquityPositionQty: env.MAX_EQUITY_POSITION_QTY,
      maxDailyDrawdownFraction: env.MAX_DAILY_DRAWDOWN_PCT,
      minAssetBuyingPowerUsd: env.MIN_ASSET_BP_USD,
      cooldownScope: env.COOLDOWN_SCOPE,
    },
    store: {
      kind: storeKind(env),
      sqlitePath: env.SQLITE_PATH,
      ttlDaysProd: env.TTL_DAYS_PROD,
      ttlDaysDev: env.TTL_DAYS_DEV,
      ttlDaysPosition: env.TTL_DAYS_POSITION,
    },
    events: { maxAgeSeconds: env.MAX_EVENT_AGE_SECONDS, deadLetterMaxAttempts: env.DEAD_LETTER_MAX_ATTEMPTS },
    discord: {
      useForums: env.DISCORD_USE_FORUMS,
      shadowUseForums: env.DISCORD_SHADOW_USE_FORUMS,
      webhookHostAllowlist: env.DISCORD_WEBHOOK_HOST_ALLOWLIST,
    },
    secrets: { useSecretManager: !(env.DISABLE_SECRET_MANAGER ?? !onCloud) },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    testing: { fault: env.SENTINEL_FAULT },
  });
}
