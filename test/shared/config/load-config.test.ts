import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectionPrefix, loadConfig, parseConfig, resetConfigForTests } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors/errors.js';

test('an empty environment gives the documented local defaults', (t) => {
  const config = parseConfig({});
  t.is(config.environment, 'dev');
  t.true(config.testMode);
  t.true(config.alpaca.paperTrading);
  t.is(config.alpaca.tradingBaseUrl, 'https://paper-api.alpaca.markets');
  t.is(config.marketData.dataBaseUrl, 'https://data.alpaca.markets');
  t.false(config.execution.enabled);
  t.false(config.execution.brokerOrders);
  t.is(config.gcp.projectId, undefined);
  t.deepEqual(config.universe.cryptoSymbols, ['BTC/USD', 'ETH/USD']);
  t.deepEqual(config.universe.equitySymbols, ['SPY', 'NVDA']);
  t.true(config.universe.equitiesEnabled, 'the iex feed needs no paid plan');
  t.is(config.marketData.dataFeed, 'iex');
  t.is(config.marketData.source, 'auto', 'resolved once secrets are known');
  t.is(config.marketData.rateLimitDelaySeconds, 0.5);
  t.is(config.marketData.rateLimitPerMinute, 200);
  t.deepEqual(config.risk, {
    riskPerTradeUsd: 100,
    riskFractionOfEquity: undefined,
    maxPositionNotionalUsd: 25_000,
    maxCorrelation: 0.8,
    maxExposureFraction: { CRYPTO: 0.5, EQUITY: 0.8 },
    minOrderNotionalUsd: 15,
    maxCryptoPositions: 5,
    maxEquityPositions: 5,
    maxCryptoPositionQty: 1_000_000,
    maxEquityPositionQty: 10_000,
    maxDailyDrawdownFraction: 0.02,
    minAssetBuyingPowerUsd: 100,
    cooldownScope: 'SYMBOL',
  });
  t.deepEqual(config.simulation, { startingEquityUsd: 100_000, feeBps: { CRYPTO: 25, EQUITY: 0 }, slippageBps: 5 });
  t.deepEqual(config.store, {
    kind: 'sqlite',
    sqlitePath: '.sentinel/sentinel.db',
    ttlDaysProd: 30,
    ttlDaysDev: 7,
    ttlDaysPosition: 90,
  });
  t.deepEqual(config.events, { maxAgeSeconds: 3600, deadLetterMaxAttempts: 5 });
  t.deepEqual(config.discord, {
    useForums: false,
    shadowUseForums: false,
    webhookHostAllowlist: ['discord.com', 'discordapp.com'],
    routeFilters: {},
  });
  t.false(config.secrets.useSecretManager, 'locally secrets come from env / .env');
  t.deepEqual(config.log, { level: 'info', format: 'auto' });
  t.deepEqual(config.runtime, { service: undefined, onCloud: false, gitSha: undefined });
});

test('on Cloud Functions the defaults switch to Firestore and Secret Manager', (t) => {
  const config = parseConfig({ K_SERVICE: 'persist-state', GOOGLE_CLOUD_PROJECT: 'sentinel-prod' });
  t.is(config.store.kind, 'firestore');
  t.true(config.secrets.useSecretManager);
  t.true(config.runtime.onCloud);
  t.is(config.runtime.service, 'persist-state');
});

test('the collection prefix is live_ in prod and test_ in dev', (t) => {
  t.is(collectionPrefix(parseConfig({})), 'test_');
  t.is(collectionPrefix(parseConfig({ ENVIRONMENT: 'dev' })), 'test_');
  t.is(collectionPrefix(parseConfig({ ENVIRONMENT: 'PROD', GOOGLE_CLOUD_PROJECT: 'sentinel-prod' })), 'live_');
});

test('the configuration is frozen', (t) => {
  const config = parseConfig({});
  t.true(Object.isFrozen(config));
  t.true(Object.isFrozen(config.alpaca));
  t.true(Object.isFrozen(config.universe.cryptoSymbols));
});

test('loadConfig parses an environment object once and resetConfigForTests forgets it', (t) => {
  const env = { RATE_LIMIT_DELAY: '2' };
  const first = loadConfig(env);
  t.is(loadConfig(env), first, 'same object: parsed once');
  t.not(loadConfig({ RATE_LIMIT_DELAY: '2' }), first, 'another environment object is parsed on its own');
  resetConfigForTests();
  t.not(loadConfig(env), first);
  t.deepEqual(loadConfig(env), first);
});

test('loadConfig throws ConfigError with code CONFIG.INVALID and the list of issues', (t) => {
  const error = t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), { instanceOf: ConfigError });
  t.is(error.code, 'CONFIG.INVALID');
  t.is(error.name, 'ConfigError');
  t.deepEqual(error.issues, [{ variable: 'LOG_LEVEL', reason: 'must be one of debug, info, warn, error, got "loud"' }]);
});

/**
 * Runs `fn` in `dir` with extra process variables (undefined: unset), restoring both before returning (synchronous,
 * so no other test sees them).
 */
function inProcess<T>(dir: string, vars: Record<string, string | undefined>, fn: () => T): T {
  const cwd = process.cwd();
  const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  try {
    process.chdir(dir);
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigForTests();
    return fn();
  } finally {
    process.chdir(cwd);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigForTests();
  }
}

test('without an argument loadConfig reads the process environment over the .env file of the working directory', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-config-'));
  writeFileSync(join(dir, '.env'), 'RISK_PER_TRADE=250\nLOG_LEVEL=debug\nMAX_CRYPTO_POSITIONS=\n');
  const config = inProcess(dir, { LOG_LEVEL: 'warn' }, () => loadConfig());
  t.is(config.risk.riskPerTradeUsd, 250, 'from the file');
  t.is(config.log.level, 'warn', 'the environment wins over the file');
  t.is(config.risk.maxCryptoPositions, 5, 'an empty value takes the default');
});

test('without an argument loadConfig refuses a .env file in prod on Cloud Functions', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-config-'));
  writeFileSync(join(dir, '.env'), 'LOG_LEVEL=debug\n');
  // Not on the emulators CI may have started: those are refused in prod on Cloud Functions too.
  const vars = {
    ENVIRONMENT: 'prod',
    K_SERVICE: 'notify-discord',
    GOOGLE_CLOUD_PROJECT: 'sentinel-prod',
    PUBSUB_EMULATOR_HOST: undefined,
    FIRESTORE_EMULATOR_HOST: undefined,
  };
  const error = t.throws(() => inProcess(dir, vars, () => loadConfig()), { instanceOf: ConfigError });
  t.regex(error.message, /\.env: a \.env file is refused in production/);
});
