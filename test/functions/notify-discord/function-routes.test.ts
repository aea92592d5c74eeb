import test from 'ava';
import { instanceDeps } from '../../../functions/instance-deps.js';
import { FUNCTIONS } from '../../../functions/topology.js';
import { parseConfig } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import { configureLogging, resetLogging } from '../../../shared/log/logger.js';

const SYSTEM_WEBHOOK = 'https://discord.com/api/webhooks/112233445566778899/system-token';

/** A deployed instance (K_SERVICE set) in live mode whose only webhook is the system route's. */
function liveConfigWithSystemWebhookOnly(service: string) {
  process.env.DISCORD_SYSTEM_WEBHOOK_URL = SYSTEM_WEBHOOK;
  for (const name of ['TEST_DISCORD_WEBHOOK', 'LIVE_CRYPTO_DISCORD_WEBHOOK_URL', 'LIVE_STOCK_DISCORD_WEBHOOK_URL'])
    delete process.env[name];
  return parseConfig({
    K_SERVICE: service,
    TEST_MODE: 'false',
    DISABLE_SECRET_MANAGER: 'true',
    GOOGLE_CLOUD_PROJECT: 'sentinel-test',
    CRYPTO_SYMBOLS: 'BTC/USD',
  });
}

const row = (name: string) => {
  const found = FUNCTIONS.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no ${name} row`);
  return found;
};

test.serial(
  'the functions that post system notices read only the system and test webhooks, and start without the others',
  async (t) => {
    const saved = { ...process.env };
    configureLogging({ level: 'error' });
    t.teardown(() => {
      process.env = saved;
      resetLogging();
    });
    for (const name of ['postDigest', 'announceSecretRotation']) {
      t.deepEqual([...row(name).secrets].sort(), ['DISCORD_SYSTEM_WEBHOOK_URL', 'TEST_DISCORD_WEBHOOK'], `${name}'s secrets`);
      const sink = await instanceDeps(liveConfigWithSystemWebhookOnly(name), row(name)).notificationSink();
      t.is(sink.channelFor?.('system'), 'system', `${name} posts on the system route`);
    }
    // notifyDiscord posts signals: without the crypto route's webhook it refuses to start, naming the secret.
    await t.throwsAsync(instanceDeps(liveConfigWithSystemWebhookOnly('notifyDiscord'), row('notifyDiscord')).notificationSink(), {
      instanceOf: ConfigError,
      message: /LIVE_CRYPTO_DISCORD_WEBHOOK_URL/,
    });
  },
);
