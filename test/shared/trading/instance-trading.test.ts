import test from 'ava';
import { parseConfig } from '../../../shared/config/index.js';
import { Secrets } from '../../../shared/secrets/secrets.js';
import type { SecretName } from '../../../shared/secrets/secret-names.js';
import { createThrottle } from '../../../shared/throttle/throttle.js';
import { instanceTrading } from '../../../shared/trading/instance-trading.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { captureLogger } from '../log/capture.js';

const OLD = { keyId: 'PKOLD0000000000000000', secretKey: 'old-secret-0000000000000000000000000000' };
const NEW = { keyId: 'PKNEW0000000000000000', secretKey: 'new-secret-0000000000000000000000000000' };

const secretsWith = (keys: { keyId: string; secretKey: string }) =>
  new Secrets(
    new Map<SecretName, string>([
      ['ALPACA_API_KEY', keys.keyId],
      ['ALPACA_SECRET_KEY', keys.secretKey],
    ]),
    () => 'the test',
  );

/** A local instance's configuration with paper orders to the trading server at `url`. */
const paperTradingAt = (url: string) =>
  parseConfig({
    ENVIRONMENT: 'dev',
    DISABLE_SECRET_MANAGER: 'true',
    STORE: 'sqlite',
    SQLITE_PATH: ':memory:',
    ENABLE_EXECUTION: 'true',
    ALPACA_PAPER_TRADING: 'true',
    ALPACA_TRADING_BASE_URL: url,
    RATE_LIMIT_DELAY: '0',
  });

test('rotated Alpaca keys reach the warm instance’s broker at its next call, no redeploy; the trade store stays one', async (t) => {
  // Alpaca after the rotation: the old pair is dead.
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': [] }, stocks: {}, acceptKeys: NEW, trading: { prices: {} } });
  t.teardown(() => server.close());
  const config = paperTradingAt(server.url);
  let current = OLD;
  const deps = { config, log: captureLogger().logger, secrets: async () => secretsWith(current) };
  const { trades, broker } = await instanceTrading(deps);
  t.teardown(() => trades.close());
  t.is(broker.mode, 'alpaca');
  await t.throwsAsync(() => broker.account(), undefined, 'the old pair is refused');
  current = NEW; // a new Secret Manager version, read once the instance's secret cache expires
  t.true((await broker.account()).equity > 0);
  const again = await instanceTrading(deps);
  t.is(again.trades, trades);
  t.is(again.broker, broker);
  t.deepEqual(
    server.requests.filter((r) => r.path === '/v2/account').map((r) => r.status),
    [401, 200],
  );
});

test('the instance’s broker goes through the instance’s one Alpaca throttle, the one its market data uses', async (t) => {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': [] }, stocks: {}, trading: { prices: {} } });
  t.teardown(() => server.close());
  const config = paperTradingAt(server.url);
  const shared = createThrottle({ perMinute: 10_000, minSpacingMs: 0 });
  let granted = 0;
  const throttle = { ...shared, acquire: async () => (await shared.acquire(), granted++, undefined) };
  const { trades, broker } = await instanceTrading({
    config,
    log: captureLogger().logger,
    secrets: async () => secretsWith(NEW),
    alpacaThrottle: () => throttle,
  });
  t.teardown(() => trades.close());
  await broker.account();
  await broker.positions();
  t.is(granted, 2);
});
