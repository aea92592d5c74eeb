import test from 'ava';
import { parseConfig } from '../../../shared/config/index.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import { instanceAdapters } from '../../../shared/runtime/instance-adapters.js';
import { Secrets } from '../../../shared/secrets/secrets.js';
import type { SecretName } from '../../../shared/secrets/secret-names.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { captureLogger } from '../log/capture.js';
import { KEYS, barsOf, bundled, hits } from './alpaca-fixture.js';

const asOf = new Date('2026-03-06T12:00:00Z');
const request = { symbols: ['BTC/USD'], timeframe: '1Day', asOf, lookbackBars: 365 } as const;

function secretsWith(keyId?: string, secretKey?: string): Secrets {
  const values = new Map<SecretName, string>();
  if (keyId !== undefined) values.set('ALPACA_API_KEY', keyId);
  if (secretKey !== undefined) values.set('ALPACA_SECRET_KEY', secretKey);
  return new Secrets(values, () => 'the environment');
}

async function fakeAndConfig(source?: 'alpaca' | 'replay') {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: {} });
  const env = {
    ENVIRONMENT: 'dev',
    STORE: 'sqlite',
    SQLITE_PATH: ':memory:',
    DISABLE_SECRET_MANAGER: 'true',
    ALPACA_DATA_BASE_URL: server.url,
    ALPACA_TRADING_BASE_URL: server.url,
    RATE_LIMIT_DELAY: '0',
    ...(source === undefined ? {} : { MARKET_DATA_SOURCE: source }),
  };
  return { server, config: parseConfig(env) };
}

test('with both Alpaca keys, an instance scans Alpaca through its throttle and ledgers the bars in its store', async (t) => {
  const { server, config } = await fakeAndConfig();
  t.teardown(() => server.close());
  const adapters = instanceAdapters(config, {
    secrets: async () => secretsWith(KEYS.keyId, KEYS.secretKey),
    logger: captureLogger().logger,
  });
  t.teardown(() => adapters.store().close());
  t.is(adapters.marketSource(), adapters.marketSource(), 'built once per instance');

  const results = await adapters.marketSource().closedBars(request);
  t.is(barsOf(results, 'BTC/USD').length, 365);
  t.is(hits(server, 'crypto-bars'), 1);
  const ledger = await adapters.store().getBarLedger('BTC/USD', '1Day');
  t.true(
    ledger?.bars.some((bar) => bar.timestamp === '2026-03-05T00:00:00Z'),
    'the scanned bars are in the ledger',
  );
  t.is(adapters.alpacaThrottle(), adapters.alpacaThrottle());
});

test('without keys, auto replays the bundled bars; an explicit alpaca is a configuration error at the first scan', async (t) => {
  const auto = await fakeAndConfig();
  t.teardown(() => auto.server.close());
  const replaying = instanceAdapters(auto.config, { secrets: async () => secretsWith() });
  t.is(barsOf(await replaying.marketSource().closedBars(request), 'BTC/USD').length, 365);
  t.is(auto.server.requests.length, 0, 'Alpaca is never asked');

  const explicit = await fakeAndConfig('alpaca');
  t.teardown(() => explicit.server.close());
  const refusing = instanceAdapters(explicit.config, { secrets: async () => secretsWith(KEYS.keyId) });
  const error = await t.throwsAsync(refusing.marketSource().closedBars(request), { instanceOf: ConfigError });
  t.regex(error.message, /MARKET_DATA_SOURCE: alpaca needs the secrets/);
});
