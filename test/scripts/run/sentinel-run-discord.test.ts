import test from 'ava';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { SCHEDULES } from '../../../functions/schedules.js';
import type { ScheduleRow } from '../../../functions/schedules.js';
import { runCommand } from '../../../scripts/cli/run.js';
import type { SignalSource } from '../../../scripts/cli/run.js';
import { DiscordServer } from '../../servers/discord-server.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { bundled, KEYS } from '../../shared/market-data/alpaca-fixture.js';

// The whole live path on one machine: the scheduled crypto scan of 9 February 2024, 00:01 UTC, reads BTC/USD from
// the local Alpaca server, decides the 8 February bar (a BULLISH_BELT_HOLD) and posts it to the local Discord server.

const CRYPTO = SCHEDULES.find((row) => row.key === 'daily-crypto') as ScheduleRow;

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

test("with a webhook configured, a scheduled scan's new signal is posted to Discord; the per-scan line counts it", async (t) => {
  const alpaca = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: {}, now: () => Date.now() });
  t.teardown(() => alpaca.close());
  const discord = new DiscordServer();
  await discord.start();
  t.teardown(() => discord.close());
  const hook = discord.addWebhook();
  Object.assign(process.env, {
    MARKET_DATA_SOURCE: 'alpaca',
    ALPACA_API_KEY: KEYS.keyId,
    ALPACA_SECRET_KEY: KEYS.secretKey,
    ALPACA_DATA_BASE_URL: alpaca.url,
    ALPACA_TRADING_BASE_URL: alpaca.url,
    CRYPTO_SYMBOLS: 'BTC/USD',
    RATE_LIMIT_DELAY: '0',
    TEST_DISCORD_WEBHOOK: hook.url,
    DISCORD_WEBHOOK_HOST_ALLOWLIST: '127.0.0.1',
    LOG_LEVEL: 'error',
  });
  for (const name of ['STORE', 'GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST', 'ENVIRONMENT']) delete process.env[name];

  const fake = sinon.useFakeTimers({ now: Date.parse('2024-02-09T00:05:00Z'), toFake: ['Date'] });
  t.teardown(() => fake.restore());
  const out = new Capture();
  const command = runCommand({
    rows: [CRYPTO],
    storePath: join(mkdtempSync(join(tmpdir(), 'sentinel-run-discord-')), 's.db'),
    clock: { now: () => fake.now, setTimeout: (callback, ms) => fake.setTimeout(callback, ms), clearTimeout: () => undefined },
    signals: new EventEmitter() as SignalSource,
  });
  const code = await command(['--once'], { out, err: new Capture(), stdin: process.stdin });

  t.is(code, 0, out.text);
  t.regex(out.text, /notifications: Discord \(TEST_MODE=true: every message to TEST_DISCORD_WEBHOOK\)/);
  t.regex(
    out.text,
    /2024-02-09 00:01 UTC daily-crypto: 1 symbol, \d+ bars fetched, \d+ Alpaca requests?, 1 analysis, 1 new signal, 1 event, 4 notifications, 0 dead letters/,
  );
  const posts = discord.accepted().filter((request) => request.method === 'POST');
  // The new signal, then paper trading's simulated entry, its fill and the protective stop.
  t.is(posts.length, 4);
  t.regex(JSON.stringify(posts[0].payload), /Bullish Belt Hold · BTC\/USD 1D/);
  t.regex(JSON.stringify(posts.slice(1).map((post) => post.payload)), /simulated/);
  t.false(out.text.includes(hook.token), 'the webhook token is never printed');
});
