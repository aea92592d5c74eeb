import test from 'ava';
import { parseConfig } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import { registerSecret } from '../../../shared/log/secret-registry.js';

/** Each row: variable, bad value, the exact line the error must contain. */
const rows: Array<[string, string, string]> = [
  ['RATE_LIMIT_DELAY', 'fast', 'RATE_LIMIT_DELAY: must be a number between 0 and 10, got "fast"'],
  ['RATE_LIMIT_DELAY', '11', 'RATE_LIMIT_DELAY: must be a number between 0 and 10, got "11"'],
  ['RATE_LIMIT_DELAY', '-1', 'RATE_LIMIT_DELAY: must be a number between 0 and 10, got "-1"'],
  ['RATE_LIMIT_DELAY', '0x1', 'RATE_LIMIT_DELAY: must be a number between 0 and 10, got "0x1"'],
  ['RISK_PER_TRADE', 'Infinity', 'RISK_PER_TRADE: must be a number between 10 and 10000, got "Infinity"'],
  ['RISK_PER_TRADE', 'NaN', 'RISK_PER_TRADE: must be a number between 10 and 10000, got "NaN"'],
  ['MAX_CRYPTO_POSITIONS', '2.5', 'MAX_CRYPTO_POSITIONS: must be an integer between 0 and 100, got "2.5"'],
  ['DEAD_LETTER_MAX_ATTEMPTS', '3', 'DEAD_LETTER_MAX_ATTEMPTS: must be an integer between 5 and 100, got "3"'],
  ['MAX_DAILY_DRAWDOWN_PCT', '2', 'MAX_DAILY_DRAWDOWN_PCT: must be a number between 0.001 and 1, got "2"'],
  ['TTL_DAYS_DEV', '0', 'TTL_DAYS_DEV: must be an integer between 1 and 3650, got "0"'],
  ['TEST_MODE', 'yes', 'TEST_MODE: must be true, false, 1 or 0, got "yes"'],
  ['ENABLE_EXECUTION', 'on', 'ENABLE_EXECUTION: must be true, false, 1 or 0, got "on"'],
  ['ENVIRONMENT', 'staging', 'ENVIRONMENT: must be one of dev, prod, got "staging"'],
  ['ALPACA_DATA_FEED', 'otc', 'ALPACA_DATA_FEED: must be one of iex, sip, got "otc"'],
  ['STORE', 'postgres', 'STORE: must be one of sqlite, firestore, got "postgres"'],
  ['MARKET_DATA_SOURCE', 'yahoo', 'MARKET_DATA_SOURCE: must be one of alpaca, replay, got "yahoo"'],
  ['COOLDOWN_SCOPE', 'GLOBAL', 'COOLDOWN_SCOPE: must be one of SYMBOL, PATTERN, got "GLOBAL"'],
  ['LOG_FORMAT', 'xml', 'LOG_FORMAT: must be one of json, pretty, auto, got "xml"'],
  [
    'CRYPTO_SYMBOLS',
    'BTC/USD,BTCUSD',
    'CRYPTO_SYMBOLS: must be a comma-separated list of pairs like BTC/USD (bad item "BTCUSD"), got "BTC/USD,BTCUSD"',
  ],
  [
    'EQUITY_SYMBOLS',
    'SPY,,NVDA',
    'EQUITY_SYMBOLS: must be a comma-separated list of tickers like SPY (bad item ""), got "SPY,,NVDA"',
  ],
  [
    'DISCORD_WEBHOOK_HOST_ALLOWLIST',
    'https://discord.com',
    'DISCORD_WEBHOOK_HOST_ALLOWLIST: must be a comma-separated list of host names (bad item "https://discord.com"), got "https://discord.com"',
  ],
  [
    'ALPACA_DATA_BASE_URL',
    'data.alpaca.markets',
    'ALPACA_DATA_BASE_URL: must be an absolute http(s) URL, got "data.alpaca.markets"',
  ],
  [
    'ALPACA_TRADING_BASE_URL',
    'ftp://example.test',
    'ALPACA_TRADING_BASE_URL: must be an absolute http(s) URL, got "ftp://example.test"',
  ],
  [
    'PUBSUB_EMULATOR_HOST',
    'http://localhost:8085',
    'PUBSUB_EMULATOR_HOST: must be host:port (e.g. 127.0.0.1:8085), got "http://localhost:8085"',
  ],
  ['GOOGLE_CLOUD_PROJECT', 'My Project', 'GOOGLE_CLOUD_PROJECT: must be a Google Cloud project id, got "My Project"'],
  ['ALLOW_LIVE_MONEY', 'yes', 'ALLOW_LIVE_MONEY: must be exactly I_UNDERSTAND or unset, got "yes"'],
  ['GIT_SHA', 'not a sha', 'GIT_SHA: must be a commit id or build label, got "not a sha"'],
];

for (const [name, raw, line] of rows) {
  test(`${name}=${JSON.stringify(raw)} is refused with a line naming the variable`, (t) => {
    const error = t.throws(() => parseConfig({ [name]: raw }), { instanceOf: ConfigError });
    t.is(error.message, line);
    t.deepEqual(
      error.issues.map((issue) => issue.variable),
      [name],
    );
  });
}

test('several bad variables are all listed, one per line', (t) => {
  const env = Object.fromEntries(rows.map(([name, raw]) => [name, raw]));
  const error = t.throws(() => parseConfig(env), { instanceOf: ConfigError });
  const names = [...new Set(rows.map(([name]) => name))];
  const lines = error.message.split('\n');
  t.is(lines.length, names.length, 'one line per offending variable');
  for (const name of names)
    t.true(
      lines.some((l) => l.startsWith(`${name}: `)),
      `${name} is named`,
    );
});

test('a value equal to a credential variable is never echoed, whatever variable it was pasted into', (t) => {
  const key = 'PKTEST-canary-9f3c2a71';
  const error = t.throws(() => parseConfig({ ALPACA_API_KEY: key, RATE_LIMIT_DELAY: key, CRYPTO_SYMBOLS: `BTC/USD,${key}` }), {
    instanceOf: ConfigError,
  });
  t.false(error.message.toLowerCase().includes(key.toLowerCase()), error.message);
  t.false(error.message.includes(key.slice(0, 12)), 'not even a truncated part');
  t.regex(error.message, /^RATE_LIMIT_DELAY: must be a number between 0 and 10, got \[hidden value\]$/m);
  t.regex(error.message, /^CRYPTO_SYMBOLS: .*\[hidden value\]/m);
});

test('a registered secret pasted into a variable is never echoed, even cut short', (t) => {
  const webhook = `https://discord.com/api/webhooks/123/${'tok3n'.repeat(20)}`;
  registerSecret(webhook);
  const error = t.throws(() => parseConfig({ LOG_LEVEL: webhook }), { instanceOf: ConfigError });
  t.false(error.message.includes('tok3n'), error.message);
  t.is(error.message, 'LOG_LEVEL: must be one of debug, info, warn, error, got [hidden value]');
});

test('a long ordinary value is quoted cut short', (t) => {
  const error = t.throws(() => parseConfig({ LOG_LEVEL: 'x'.repeat(200) }), { instanceOf: ConfigError });
  t.is(error.message, `LOG_LEVEL: must be one of debug, info, warn, error, got "${'x'.repeat(57)}..."`);
});
