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
  // The emulator stack runs each function as on Cloud Functions (K_SERVICE set) against the Pub/Sub emulator, which
  // no deployed function has: there `dev` may paper-trade, as everywhere off Google Cloud.
  const emulated = env.PUBSUB_EMULATOR_HOST !== undefined;
  return deepFreeze({
    environment: env.ENVIRONMENT,
    testMode: env.TEST_MODE,
    gcp: {
      projectId: env.GOOGLE_CLOUD_PROJECT,
      pubsubEmulatorHost: env.PUBSUB_EMULATOR_HOST,
      firestoreEmulatorHost: env.FIRESTORE_EMULATOR_HOST,
      firestoreDatabaseId: env.FIRESTORE_DATABASE_ID,
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
      scanShardSize: env.SCAN_SHARD_SIZE,
      hostAllowlist: env.ALPACA_HOST_ALLOWLIST,
    },
    signals: { harmonicRecencyBars: env.HARMONIC_RECENCY_BARS, stopBufferAtr: env.STOP_BUFFER_ATR },
    alpaca: { paperTrading: true, tradingBaseUrl: env.ALPACA_TRADING_BASE_URL ?? defaultTradingBaseUrl(true) },
    execution: {
      enabled: env.ENABLE_EXECUTION,
      // Paper is guaranteed by the schema and the trading host by the rules; on Cloud Functions only prod trades.
      brokerOrders: env.ENABLE_EXECUTION && env.ALPACA_PAPER_TRADING && (!onCloud || prod || emulated),
      stopLimitOffsetFraction: env.CRYPTO_STOP_LIMIT_OFFSET_PCT,
    },
    simulation: {
      startingEquityUsd: env.PAPER_STARTING_EQUITY,
      feeBps: { CRYPTO: env.SIM_FEE_BPS_CRYPTO, EQUITY: env.SIM_FEE_BPS_EQUITY },
      slippageBps: env.SIM_SLIPPAGE_BPS,
    },
    risk: {
      riskPerTradeUsd: env.RISK_PER_TRADE,
      riskFractionOfEquity: env.RISK_FRACTION_OF_EQUITY,
      maxPositionNotionalUsd: env.MAX_POSITION_NOTIONAL_USD,
      maxCorrelation: env.MAX_CORRELATION,
      maxExposureFraction: { CRYPTO: env.MAX_CRYPTO_EXPOSURE_PCT, EQUITY: env.MAX_EQUITY_EXPOSURE_PCT },
      minOrderNotionalUsd: env.MIN_ORDER_NOTIONAL_USD,
      maxCryptoPositions: env.MAX_CRYPTO_POSITIONS,
      maxEquityPositions: env.MAX_EQUITY_POSITIONS,
      maxCryptoPositionQty: env.MAX_CRYPTO_POSITION_QTY,
      maxEquityPositionQty: env.MAX_EQUITY_POSITION_QTY,
      maxDailyDrawdownFraction: env.MAX_DAILY_DRAWDOWN_PCT,
      minAssetBuyingPowerUsd: env.MIN_ASSET_BP_USD,
      cooldownScope: env.COOLDOWN_SCOPE,
    },
    lifecycle: {
      validityBars: { '1Day': env.VALIDITY_BARS_1DAY, '4Hour': env.VALIDITY_BARS_4HOUR, '1Hour': env.VALIDITY_BARS_1HOUR },
      cooldownBars: { '1Day': env.COOLDOWN_BARS_1DAY, '4Hour': env.COOLDOWN_BARS_4HOUR, '1Hour': env.COOLDOWN_BARS_1HOUR },
      openSignalScope: env.OPEN_SIGNAL_SCOPE,
      costs: {
        CRYPTO: { feePctPerSide: env.FEE_PCT_CRYPTO, slippageBps: env.SLIPPAGE_BPS },
        EQUITY: { feePctPerSide: env.FEE_PCT_EQUITY, slippageBps: env.SLIPPAGE_BPS },
      },
    },
    store: {
      kind: storeKind(env),
      sqlitePath: env.SQLITE_PATH,
      ttlDaysProd: env.TTL_DAYS_PROD,
      ttlDaysDev: env.TTL_DAYS_DEV,
      ttlDaysPosition: env.TTL_DAYS_POSITION,
    },
    warehouse: {
      kind: env.WAREHOUSE ?? (onCloud && !emulated ? 'bigquery' : 'duckdb'),
      bigqueryDataset: env.BIGQUERY_DATASET ?? (prod ? 'crypto_analytics' : 'crypto_analytics_test'),
      maximumBytesBilled: env.BIGQUERY_MAX_BYTES_BILLED,
    },
    events: { maxAgeSeconds: env.MAX_EVENT_AGE_SECONDS, deadLetterMaxAttempts: env.DEAD_LETTER_MAX_ATTEMPTS },
    discord: {
      useForums: env.DISCORD_USE_FORUMS,
      shadowUseForums: env.DISCORD_SHADOW_USE_FORUMS,
      webhookHostAllowlist: env.DISCORD_WEBHOOK_HOST_ALLOWLIST,
      routeFilters: env.DISCORD_ROUTE_FILTERS ?? {},
    },
    // DESIGN decision 17: prod always reads Secret Manager (an operator's command line through ADC).
    secrets: {
      useSecretManager: prod || !(env.DISABLE_SECRET_MANAGER ?? !onCloud),
      cacheTtlSeconds: env.SECRET_CACHE_TTL_SECONDS,
    },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    testing: { fault: env.SENTINEL_FAULT },
  });
}
