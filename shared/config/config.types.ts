import type { RouteFilters } from './route-filters.js';

/** Where bars come from once secrets are known (`auto` picks Alpaca when its keys are set). */
export type MarketDataSourceSetting = 'alpaca' | 'replay' | 'auto';

/** The validated configuration of one process: camelCase, grouped, frozen. */
export interface Config {
  readonly environment: 'dev' | 'prod';
  readonly testMode: boolean;
  readonly gcp: {
    readonly projectId: string | undefined;
    readonly pubsubEmulatorHost: string | undefined;
    readonly firestoreEmulatorHost: string | undefined;
    /** FIRESTORE_DATABASE_ID: `(default)` unless a restore moved the store to a new database. */
    readonly firestoreDatabaseId?: string;
  };
  readonly runtime: {
    /** Cloud Functions / Cloud Run service name; undefined when running locally. */
    readonly service: string | undefined;
    readonly onCloud: boolean;
    readonly gitSha: string | undefined;
  };
  readonly universe: {
    readonly cryptoSymbols: readonly string[];
    /** Empty when equities are disabled, so no caller has to check the switch. */
    readonly equitySymbols: readonly string[];
    readonly equitiesEnabled: boolean;
  };
  readonly marketData: {
    readonly source: MarketDataSourceSetting;
    readonly dataFeed: 'iex' | 'sip';
    readonly dataBaseUrl: string;
    readonly rateLimitDelaySeconds: number;
    readonly rateLimitPerMinute: number;
    /** SCAN_SHARD_SIZE: most symbols one fetchMarketData invocation scans. */
    readonly scanShardSize: number;
    /** ALPACA_HOST_ALLOWLIST: hosts besides Alpaca's own the base URLs may name (shared/config/egress-rules.ts). */
    readonly hostAllowlist: readonly string[];
  };
  /** The operator-tunable detection parameters (the rest of the rules are the engine's). */
  readonly signals: {
    readonly harmonicRecencyBars: number;
    readonly stopBufferAtr: number;
  };
  readonly alpaca: {
    /** Always true: the schema refuses live money, and the type says so. */
    readonly paperTrading: true;
    readonly tradingBaseUrl: string;
  };
  readonly execution: {
    readonly enabled: boolean;
    /**
     * True only with ENABLE_EXECUTION=true, paper trading and an accepted trading host (paper, loopback or allow-listed),
     * and on Cloud Functions ENVIRONMENT=prod: the one case that reaches Alpaca. Otherwise the simulated broker fills.
     */
    readonly brokerOrders: boolean;
    /** A crypto protective stop_limit's limit lies this fraction below its stop. */
    readonly stopLimitOffsetFraction: number;
  };
  /** The simulated broker (the embedded default). */
  readonly simulation: {
    readonly startingEquityUsd: number;
    readonly feeBps: { readonly CRYPTO: number; readonly EQUITY: number };
    readonly slippageBps: number;
  };
  readonly risk: {
    readonly riskPerTradeUsd: number;
    /** When set, risk per trade = this × equity instead of `riskPerTradeUsd`. */
    readonly riskFractionOfEquity: number | undefined;
    readonly maxPositionNotionalUsd: number;
    readonly maxCorrelation: number;
    readonly maxExposureFraction: { readonly CRYPTO: number; readonly EQUITY: number };
    readonly minOrderNotionalUsd: number;
    readonly maxCryptoPositions: number;
    readonly maxEquityPositions: number;
    readonly maxCryptoPositionQty: number;
    readonly maxEquityPositionQty: number;
    readonly maxDailyDrawdownFraction: number;
    readonly minAssetBuyingPowerUsd: number;
    readonly cooldownScope: 'SYMBOL' | 'PATTERN';
  };
  /** The signal lifecycle's rules (DESIGN §6.8–12). */
  readonly lifecycle: {
    readonly validityBars: Readonly<Record<'1Day' | '4Hour' | '1Hour', number>>;
    readonly cooldownBars: Readonly<Record<'1Day' | '4Hour' | '1Hour', number>>;
    readonly openSignalScope: 'SYMBOL' | 'TIMEFRAME';
    readonly costs: Readonly<Record<'CRYPTO' | 'EQUITY', { readonly feePctPerSide: number; readonly slippageBps: number }>>;
  };
  readonly store: {
    readonly kind: 'sqlite' | 'firestore';
    readonly sqlitePath: string;
    readonly ttlDaysProd: number;
    readonly ttlDaysDev: number;
    readonly ttlDaysPosition: number;
  };
  readonly warehouse: {
    readonly kind: 'bigquery' | 'duckdb';
    readonly bigqueryDataset: string;
    readonly maximumBytesBilled: number;
  };
  readonly events: {
    readonly maxAgeSeconds: number;
    readonly deadLetterMaxAttempts: number;
  };
  readonly discord: {
    readonly useForums: boolean;
    readonly shadowUseForums: boolean;
    readonly webhookHostAllowlist: readonly string[];
    readonly routeFilters: RouteFilters;
  };
  readonly secrets: {
    readonly useSecretManager: boolean;
    /** Seconds before a loaded secret is read again (rotation without a redeploy). */
    readonly cacheTtlSeconds: number;
  };
  readonly log: {
    readonly level: 'debug' | 'info' | 'warn' | 'error';
    readonly format: 'json' | 'pretty' | 'auto';
  };
  readonly testing: {
    /** SENTINEL_FAULT (`function:point:once|always`), test-only failure injection; see shared/runtime/fault.ts. */
    readonly fault: string | undefined;
  };
}
