import { z } from 'zod';
import { documented as d } from './env-docs.js';
import { booleanVar, csvVar, enumVar, hostPortVar, numberVar, patternVar, urlVar } from './env-values.js';
import { canonicalHostEntry, HOST_ENTRY_PATTERN } from './host-names.js';
import { routeFiltersVar } from './route-filters.js';
import { LIFECYCLE_VARIABLES } from './lifecycle.schema.js';
import { SIGNAL_VARIABLES } from './signals.schema.js';
import { TRADING_VARIABLES } from './trading.schema.js';

const upper = (s: string): string => s.toUpperCase();
const PROJECT_ID = /^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * Every environment variable the system reads, with its coercion from a string and its default.
 * Input has been trimmed and empty strings removed (an empty variable counts as unset); unknown
 * variables are ignored. Cross-field rules live in config-rules.ts.
 */
export const ConfigEnvSchema = z.object({
  ENVIRONMENT: d(enumVar(['dev', 'prod']).default('dev'), {
    group: 'Environment',
    description: 'dev or prod (any case). Selects the test_/live_ prefix of every collection, table suffix, lock and job record.',
  }),
  TEST_MODE: d(booleanVar().default(true), {
    group: 'Environment',
    description: 'Sends every Discord message to TEST_DISCORD_WEBHOOK and labels it [TEST].',
  }),
  GOOGLE_CLOUD_PROJECT: d(patternVar(PROJECT_ID, 'a Google Cloud project id').optional(), {
    group: 'Environment',
    defaultText: 'unset',
    description: 'Google Cloud project id. Optional locally; required when ENVIRONMENT=prod.',
  }),
  CRYPTO_SYMBOLS: d(
    csvVar({ pattern: /^[A-Z0-9]{2,10}\/[A-Z]{3,5}$/, label: 'pairs like BTC/USD', normalise: upper }).default([
      'BTC/USD',
      'ETH/USD',
    ]),
    {
      group: 'Universe',
      description: 'Crypto pairs scanned, comma-separated.',
    },
  ),
  EQUITY_SYMBOLS: d(
    csvVar({ pattern: /^[A-Z]{1,5}(\.[A-Z]{1,2})?$/, label: 'tickers like SPY', normalise: upper }).default(['SPY', 'NVDA']),
    {
      group: 'Universe',
      description: 'US equities scanned, comma-separated; ignored when ENABLE_EQUITIES=false.',
    },
  ),
  ENABLE_EQUITIES: d(booleanVar().default(true), {
    group: 'Universe',
    description:
      'Scans EQUITY_SYMBOLS. On by default because we read the free iex feed (the reference turned equities off for lack of SIP).',
  }),
  MARKET_DATA_SOURCE: d(enumVar(['alpaca', 'replay']).optional(), {
    group: 'Market data',
    defaultText: 'alpaca when ALPACA_API_KEY and ALPACA_SECRET_KEY are set, else replay',
    description: 'Where bars come from: Alpaca, or a replay of the CSV bars bundled in data/.',
  }),
  ALPACA_DATA_FEED: d(enumVar(['iex', 'sip']).default('iex'), {
    group: 'Market data',
    description: 'Alpaca stock data feed; sip needs a paid plan.',
  }),
  ALPACA_DATA_BASE_URL: d(urlVar().default('https://data.alpaca.markets'), {
    group: 'Market data',
    description:
      'Alpaca market-data API root: https to an Alpaca host, a loopback test server, or a host in ALPACA_HOST_ALLOWLIST.',
  }),
  ALPACA_HOST_ALLOWLIST: d(
    csvVar({ pattern: HOST_ENTRY_PATTERN, label: 'host names', normalise: canonicalHostEntry }).default([]),
    {
      group: 'Market data',
      defaultText: 'empty',
      description:
        "Hosts besides Alpaca's own an Alpaca base URL may point at (still https only); credentials are sent to no other host.",
    },
  ),
  RATE_LIMIT_DELAY: d(numberVar({ min: 0, max: 10 }).default(0.5), {
    group: 'Market data',
    description: 'Minimum seconds between two Alpaca calls of one process.',
  }),
  ALPACA_RATE_LIMIT_PER_MINUTE: d(numberVar({ min: 1, max: 10_000, integer: true }).default(200), {
    group: 'Market data',
    description: 'Alpaca requests per minute allowed by the shared token bucket.',
  }),
  SCAN_SHARD_SIZE: d(numberVar({ min: 1, max: 20_000, integer: true }).default(200), {
    group: 'Market data',
    description:
      'Most symbols one fetchMarketData invocation scans: a larger scan runs as shards of this size, one after another (docs/scale.md).',
  }),
  ...SIGNAL_VARIABLES,
  ...TRADING_VARIABLES,
  ...LIFECYCLE_VARIABLES,
  STORE: d(enumVar(['sqlite', 'firestore']).optional(), {
    group: 'Storage',
    defaultText: 'firestore on Cloud Functions (K_SERVICE set), else sqlite',
    description: 'State store. sqlite is refused on Cloud Functions, whose disk is per instance and temporary.',
  }),
  SQLITE_PATH: d(z.string().default('.sentinel/sentinel.db'), {
    group: 'Storage',
    description: 'SQLite file when STORE=sqlite (:memory: for a throw-away store).',
  }),
  TTL_DAYS_PROD: d(numberVar({ min: 1, max: 3650, integer: true }).default(30), {
    group: 'Storage',
    description: 'Days before a closed prod signal document expires.',
  }),
  TTL_DAYS_DEV: d(numberVar({ min: 1, max: 3650, integer: true }).default(7), {
    group: 'Storage',
    description: 'Days before a closed dev signal document expires.',
  }),
  TTL_DAYS_POSITION: d(numberVar({ min: 1, max: 3650, integer: true }).default(90), {
    group: 'Storage',
    description: 'Days before a closed position document expires.',
  }),
  WAREHOUSE: d(enumVar(['bigquery', 'duckdb']).optional(), {
    group: 'Storage',
    defaultText: 'bigquery on Cloud Functions (K_SERVICE set, not on the emulators), else duckdb',
    description:
      'Where archiveAnalytics appends facts and the digests read the views: BigQuery, or the DuckDB file analytics.duckdb beside SQLITE_PATH.',
  }),
  BIGQUERY_DATASET: d(patternVar(/^[A-Za-z_][A-Za-z0-9_]{0,1023}$/, 'a BigQuery dataset id').optional(), {
    group: 'Storage',
    defaultText: 'crypto_analytics in prod, crypto_analytics_test in dev',
    description: 'The BigQuery dataset of the analytics tables and views (terraform/bigquery.tf creates it).',
  }),
  BIGQUERY_MAX_BYTES_BILLED: d(numberVar({ min: 1_000_000, max: 1e13, integer: true }).default(1_000_000_000), {
    group: 'Storage',
    description: 'Every BigQuery query is refused beyond this many bytes billed.',
  }),
  FIRESTORE_DATABASE_ID: d(
    patternVar(
      /^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/,
      'a Firestore database id: (default), or 4-63 lower-case letters, digits and hyphens',
    ).default('(default)'),
    {
      group: 'Storage',
      description: 'Firestore database the store uses; a restored backup lives in a new database, so point this at it.',
    },
  ),
  FIRESTORE_EMULATOR_HOST: d(hostPortVar().optional(), {
    group: 'Storage',
    defaultText: 'unset',
    description: 'host:port of a Firestore emulator; when set, Firestore calls go there.',
  }),
  MAX_EVENT_AGE_SECONDS: d(numberVar({ min: 1, max: 604_800, integer: true }).default(3600), {
    group: 'Events',
    description:
      'Events older than this are dropped (acked unprocessed), and executeOrders enters no signal decided longer ago (gate signal-age), so a stuck backlog, a late outbox sweep or a replayed past scan cannot trade on stale prices.',
  }),
  DEAD_LETTER_MAX_ATTEMPTS: d(numberVar({ min: 5, max: 100, integer: true }).default(5), {
    group: 'Events',
    description: 'Deliveries before Pub/Sub moves a message to the dead-letter topic (Pub/Sub accepts 5 to 100).',
  }),
  PUBSUB_EMULATOR_HOST: d(hostPortVar().optional(), {
    group: 'Events',
    defaultText: 'unset',
    description: 'host:port of a Pub/Sub emulator; when set, publishing goes there.',
  }),
  DISCORD_USE_FORUMS: d(booleanVar().default(false), {
    group: 'Discord',
    description: 'The signal channels are forum channels: each new signal opens a thread named after it.',
  }),
  DISCORD_SHADOW_USE_FORUMS: d(booleanVar().default(false), {
    group: 'Discord',
    description: 'The shadow (rejected signals) channel is a forum channel.',
  }),
  DISCORD_WEBHOOK_HOST_ALLOWLIST: d(
    csvVar({ pattern: HOST_ENTRY_PATTERN, label: 'host names', normalise: canonicalHostEntry }).default([
      'discord.com',
      'discordapp.com',
    ]),
    {
      group: 'Discord',
      description: 'Hosts a webhook URL may point at; any other webhook is refused before sending.',
    },
  ),
  DISCORD_ROUTE_FILTERS: d(routeFiltersVar().optional(), {
    group: 'Discord',
    defaultText: 'unset (every route gets all its messages)',
    description:
      'What each route lets through, e.g. crypto:conviction=HIGH,types=signal.created|signal.tp1;stock:assets=EQUITY (routes test, crypto, stock, shadow, system; filters conviction, types, assets).',
  }),
  DISABLE_SECRET_MANAGER: d(booleanVar().optional(), {
    group: 'Secrets',
    defaultText: 'false on Cloud Functions (K_SERVICE set), else true',
    example: 'true',
    description: 'Read secrets from the environment and the .env file instead of Secret Manager. Refused with ENVIRONMENT=prod.',
  }),
  SECRET_CACHE_TTL_SECONDS: d(numberVar({ min: 0, max: 86_400, integer: true }).default(600), {
    group: 'Secrets',
    description:
      'Seconds a loaded secret is used before it is read again, so a rotated key or webhook takes effect without a redeploy.',
  }),
  LOG_LEVEL: d(enumVar(['debug', 'info', 'warn', 'error']).default('info'), {
    group: 'Logging',
    description: 'Lowest level written.',
  }),
  LOG_FORMAT: d(enumVar(['json', 'pretty', 'auto']).default('auto'), {
    group: 'Logging',
    description: 'json lines for Cloud Logging, pretty for a terminal, or auto (json on Cloud Functions or when not a terminal).',
  }),
  K_SERVICE: d(z.string().optional(), {
    group: 'Runtime',
    defaultText: 'set by the platform',
    description: 'Set by Cloud Functions / Cloud Run; its presence means "running in the cloud". Do not set it locally.',
  }),
  SENTINEL_FAULT: d(patternVar(/^[a-zA-Z]+:[a-z][a-z-]*:(once|always)$/, 'function:point:once|always').optional(), {
    group: 'Runtime',
    defaultText: 'unset',
    description:
      'Test only (refused with ENVIRONMENT=prod): makes a function fail transiently at a named point: FUNCTION:act (before acting on a valid message) or persistState:after-write (between the store write and the publish), once or always.',
  }),
  GIT_SHA: d(patternVar(/^[0-9A-Za-z._-]{1,64}$/, 'a commit id or build label').optional(), {
    group: 'Runtime',
    defaultText: 'unset',
    description: 'Commit of the deployed code, recorded in run metadata and logs.',
  }),
});

/** The parsed variables, still under their environment names. */
export type ConfigEnv = z.output<typeof ConfigEnvSchema>;

/** The name of a variable of the schema. */
export type ConfigVariable = keyof ConfigEnv;

/** Every variable name of the schema, in declaration order. */
export const CONFIG_VARIABLES = Object.keys(ConfigEnvSchema.shape) as ConfigVariable[];
