import test from 'ava';
import { parseConfig } from '../../../shared/config/index.js';
import { instanceAdapters } from '../../../shared/runtime/instance-adapters.js';
import { rebuildOnRotation } from '../../../shared/secrets/rotation.js';
import { Secrets } from '../../../shared/secrets/secrets.js';
import type { SecretName } from '../../../shared/secrets/secret-names.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { captureLogger } from '../log/capture.js';
import { barsOf, bundled } from '../market-data/alpaca-fixture.js';

const secretsOf = (values: Partial<Record<SecretName, string>>): Secrets =>
  new Secrets(new Map(Object.entries(values) as Array<[SecretName, string]>), () => 'the test');

test('something built from secrets is rebuilt when one of its secrets rotates, and only then', async (t) => {
  let current = secretsOf({
    TEST_DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/1/before-0030',
    DISCORD_BOT_TOKEN: 'bot-unrelated-0030',
  });
  const builds: string[] = [];
  const get = rebuildOnRotation(
    async () => current,
    ['TEST_DISCORD_WEBHOOK'],
    (secrets) => {
      const url = secrets.getSecret('TEST_DISCORD_WEBHOOK') ?? '';
      builds.push(url);
      return { url };
    },
  );
  const first = await get();
  t.is(await get(), first, 'unchanged secrets: the same instance');
  current = secretsOf({
    TEST_DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/1/before-0030',
    DISCORD_BOT_TOKEN: 'bot-rotated-0030',
  });
  t.is(await get(), first, 'a secret it does not use changed: nothing rebuilt');
  current = secretsOf({ TEST_DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/1/after-0030' });
  t.is((await get()).url, 'https://discord.com/api/webhooks/1/after-0030');
  t.is(builds.length, 2);
});

test("rotated Alpaca keys rebuild the instance's market data source at the next scan, without a redeploy", async (t) => {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: { SPY: bundled('SPY') } });
  t.teardown(() => server.close());
  const config = parseConfig({
    STORE: 'sqlite',
    SQLITE_PATH: ':memory:',
    DISABLE_SECRET_MANAGER: 'true',
    ALPACA_DATA_BASE_URL: server.url,
    ALPACA_TRADING_BASE_URL: server.url,
    RATE_LIMIT_DELAY: '0',
  });
  let keys = secretsOf({ ALPACA_API_KEY: 'PK-before-rotation-0031', ALPACA_SECRET_KEY: 'SK-before-rotation-0031' });
  const capture = captureLogger();
  const adapters = instanceAdapters(config, { secrets: async () => keys, logger: capture.logger });
  t.teardown(() => adapters.store().close());
  const request = { symbols: ['SPY'], timeframe: '1Day', asOf: new Date('2019-06-03T12:00:00Z'), lookbackBars: 30 } as const;

  t.is(barsOf(await adapters.marketSource().closedBars(request), 'SPY').length, 30);
  t.false(capture.text().includes('credentials changed'));
  keys = secretsOf({ ALPACA_API_KEY: 'PK-after-rotation-0031', ALPACA_SECRET_KEY: 'SK-after-rotation-0031' });
  t.is(barsOf(await adapters.marketSource().closedBars(request), 'SPY').length, 30);
  t.true(capture.entries().some((entry) => entry.message === 'Alpaca credentials changed: market data source rebuilt'));
  t.false(capture.text().includes('rotation-0031'), 'no key in any log line');
});
