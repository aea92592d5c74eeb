import test from 'ava';
import { parseConfig } from '../../../shared/config/load-config.js';

const booleans: Array<[string, boolean]> = [
  ['true', true],
  ['TRUE', true],
  ['True', true],
  ['1', true],
  ['false', false],
  ['FALSE', false],
  ['0', false],
  [' false ', false],
];
for (const [raw, expected] of booleans) {
  test(`a boolean variable reads ${JSON.stringify(raw)} as ${expected}`, (t) => {
    t.is(parseConfig({ DISCORD_USE_FORUMS: raw }).discord.useForums, expected);
    t.is(parseConfig({ TEST_MODE: raw }).testMode, expected);
  });
}

const numbers: Array<[string, string, number]> = [
  ['RATE_LIMIT_DELAY', '0', 0],
  ['RATE_LIMIT_DELAY', '10', 10],
  ['RATE_LIMIT_DELAY', '.25', 0.25],
  ['RISK_PER_TRADE', '2.5e2', 250],
  ['MAX_CRYPTO_POSITION_QTY', '1e6', 1_000_000],
  ['MAX_EVENT_AGE_SECONDS', ' 600 ', 600],
  ['DEAD_LETTER_MAX_ATTEMPTS', '100', 100],
];
for (const [name, raw, expected] of numbers) {
  test(`${name}=${JSON.stringify(raw)} parses to the number ${expected}`, (t) => {
    const config = parseConfig({ [name]: raw });
    const value = {
      RATE_LIMIT_DELAY: config.marketData.rateLimitDelaySeconds,
      RISK_PER_TRADE: config.risk.riskPerTradeUsd,
      MAX_CRYPTO_POSITION_QTY: config.risk.maxCryptoPositionQty,
      MAX_EVENT_AGE_SECONDS: config.events.maxAgeSeconds,
      DEAD_LETTER_MAX_ATTEMPTS: config.events.deadLetterMaxAttempts,
    }[name];
    t.is(value, expected);
  });
}

test('choices are case-insensitive and come back in their canonical spelling', (t) => {
  const config = parseConfig({
    ENVIRONMENT: 'Prod',
    GOOGLE_CLOUD_PROJECT: 'sentinel-prod',
    LOG_LEVEL: 'DEBUG',
    COOLDOWN_SCOPE: 'pattern',
    ALPACA_DATA_FEED: 'SIP',
    STORE: 'SQLite',
  });
  t.is(config.environment, 'prod');
  t.is(config.log.level, 'debug');
  t.is(config.risk.cooldownScope, 'PATTERN');
  t.is(config.marketData.dataFeed, 'sip');
  t.is(config.store.kind, 'sqlite');
});

test('symbol lists are trimmed, upper-cased and deduplicated', (t) => {
  const config = parseConfig({ CRYPTO_SYMBOLS: ' btc/usd, SOL/USD ,BTC/USD', EQUITY_SYMBOLS: 'spy,brk.b' });
  t.deepEqual(config.universe.cryptoSymbols, ['BTC/USD', 'SOL/USD']);
  t.deepEqual(config.universe.equitySymbols, ['SPY', 'BRK.B']);
});

test('equity symbols are empty when equities are disabled', (t) => {
  const config = parseConfig({ ENABLE_EQUITIES: 'false', EQUITY_SYMBOLS: 'SPY' });
  t.false(config.universe.equitiesEnabled);
  t.deepEqual(config.universe.equitySymbols, []);
});

test('the webhook host allowlist is lower-cased and may carry a port', (t) => {
  const config = parseConfig({ DISCORD_WEBHOOK_HOST_ALLOWLIST: 'Discord.com, 127.0.0.1:8089' });
  t.deepEqual(config.discord.webhookHostAllowlist, ['discord.com', '127.0.0.1:8089']);
});

test('URLs lose their trailing slash and may be plain http for local servers', (t) => {
  const config = parseConfig({
    ALPACA_DATA_BASE_URL: 'http://127.0.0.1:9000/',
    ALPACA_TRADING_BASE_URL: 'https://paper.example.test/v2/',
    ALPACA_HOST_ALLOWLIST: 'paper.example.test',
  });
  t.is(config.marketData.dataBaseUrl, 'http://127.0.0.1:9000');
  t.is(config.alpaca.tradingBaseUrl, 'https://paper.example.test/v2');
});

test('an empty or blank variable counts as unset and takes its default', (t) => {
  const config = parseConfig({ RATE_LIMIT_DELAY: '', ENVIRONMENT: '   ', CRYPTO_SYMBOLS: '' });
  t.is(config.marketData.rateLimitDelaySeconds, 0.5);
  t.is(config.environment, 'dev');
  t.deepEqual(config.universe.cryptoSymbols, ['BTC/USD', 'ETH/USD']);
});

test('emulator hosts, project id, store path, service and commit are kept as given', (t) => {
  const config = parseConfig({
    PUBSUB_EMULATOR_HOST: '127.0.0.1:8681',
    FIRESTORE_EMULATOR_HOST: 'localhost:8682',
    STORE: 'firestore',
    SQLITE_PATH: ':memory:',
    GIT_SHA: 'abc1234',
    MARKET_DATA_SOURCE: 'replay',
    DISABLE_SECRET_MANAGER: 'true',
    K_SERVICE: 'fetch-market-data',
  });
  t.is(config.gcp.pubsubEmulatorHost, '127.0.0.1:8681');
  t.is(config.gcp.firestoreEmulatorHost, 'localhost:8682');
  t.is(config.store.kind, 'firestore');
  t.is(config.store.sqlitePath, ':memory:');
  t.is(config.runtime.gitSha, 'abc1234');
  t.is(config.marketData.source, 'replay');
  t.false(config.secrets.useSecretManager, 'DISABLE_SECRET_MANAGER=true wins even on Cloud Functions');
});

test('unknown variables are ignored', (t) => {
  t.notThrows(() => parseConfig({ PATH: '/usr/bin', SOMETHING_ELSE: 'x', MAX_WORKERS: 'lots' }));
});
