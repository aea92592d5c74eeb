import test from 'ava';
import { parseConfig } from '../../../shared/config/load-config.js';
import { resolveMarketDataSource } from '../../../shared/config/market-data-source.js';
import { ConfigError } from '../../../shared/errors/errors.js';

test('by default bars come from Alpaca when its keys are set and from the replay otherwise', (t) => {
  const config = parseConfig({});
  t.is(resolveMarketDataSource(config, true), 'alpaca');
  t.is(resolveMarketDataSource(config, false), 'replay');
});

test('an explicit replay stays replay even with Alpaca keys', (t) => {
  t.is(resolveMarketDataSource(parseConfig({ MARKET_DATA_SOURCE: 'replay' }), true), 'replay');
});

test('an explicit alpaca without keys names MARKET_DATA_SOURCE and the missing secrets', (t) => {
  const error = t.throws(() => resolveMarketDataSource(parseConfig({ MARKET_DATA_SOURCE: 'alpaca' }), false), {
    instanceOf: ConfigError,
  });
  t.regex(error.message, /^MARKET_DATA_SOURCE: alpaca needs the secrets ALPACA_API_KEY and ALPACA_SECRET_KEY$/);
});
