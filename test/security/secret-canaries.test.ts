import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { resetConfigForTests } from '../../shared/config/index.js';
import { configureLogging } from '../../shared/log/logger.js';
import { resetSecretsForTests } from '../../shared/secrets/index.js';
import { DiscordServer } from '../servers/discord-server.js';
import { findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';
import { openLocalRuntime } from '../../scripts/pipeline/local-runtime.js';
import { decisionSteps } from '../../scripts/replay/decision-times.js';
import { replayThroughPipeline } from '../../scripts/replay/pipeline-replay.js';

// Fake credentials shaped like the real ones; none may appear in any output or file.
const CANARIES = {
  ALPACA_API_KEY: 'PKCANARY7Q2W9E4R6T8Y',
  ALPACA_SECRET_KEY: 'canarySecretKey/9f8e7d6c5b4a3f2e1d0c',
  TEST_DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/112233445566778899/canaryWebhookToken_AbCdEfGhIjKl',
  LIVE_CRYPTO_DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/998877665544332211/canaryCryptoToken_MnOpQrStUv',
  DISCORD_BOT_TOKEN: 'canary.bot.token.ZyXwVuTsRq',
};
const webhookToken = 'canaryWebhookToken_AbCdEfGhIjKl';
const secretsIn = (text: string) => [...Object.values(CANARIES), webhookToken].filter((secret) => text.includes(secret));

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

function filesUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

test.serial(
  'a run whose notification sink fails with secret-bearing errors leaks no secret to logs, dead letters or files',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-canary-'));
    Object.assign(process.env, CANARIES, {
      SQLITE_PATH: join(dir, 'sentinel.db'),
      DISABLE_SECRET_MANAGER: 'true',
      LOG_LEVEL: 'debug',
    });
    const logged: string[] = [];
    let failures = 0;
    const runtime = await openLocalRuntime({
      sink: {
        channel: 'discord',
        send: async () => {
          failures++;
          const cause = new Error(`401 from POST ${CANARIES.TEST_DISCORD_WEBHOOK}?wait=true`);
          throw new Error(
            `webhook failed (APCA-API-SECRET-KEY: ${CANARIES.ALPACA_SECRET_KEY}, token=${CANARIES.DISCORD_BOT_TOKEN})`,
            { cause },
          );
        },
      },
    });
    configureLogging({ stream: { write: (line: string) => logged.push(line) } });
    const series = findBundledSeries('BTC/USD', '1Day');
    if (!series) throw new Error('no bundled BTC/USD');
    const steps = decisionSteps([{ symbol: 'BTC/USD', assetClass: 'CRYPTO', bars: readBundledBars(series) }], '1Day', {
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2024-06-30T00:00:00Z'),
      minBars: 60,
    });
    await replayThroughPipeline(runtime.bus, '1Day', steps);
    const deadLetters = await runtime.store.listDeadLetters(100);
    await runtime.close();

    t.true(failures > 0, 'the sink was called and failed');
    t.true(deadLetters.length > 0, 'failed notifications ended as dead letters');
    t.true(
      deadLetters.every((letter) => letter.error.includes('[REDACTED]')),
      'the recorded errors were redacted, not dropped',
    );
    t.true(logged.length > 0);
    t.deepEqual(secretsIn(logged.join('\n')), [], 'log lines');
    t.deepEqual(secretsIn(JSON.stringify(deadLetters)), [], 'dead-letter records');
    t.deepEqual(secretsIn(filesUnder(dir)), [], 'SQLite files and outbox');
  },
);

test('npm start with secrets in its environment prints and writes none of them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-canary-cli-'));
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import=tsx', 'scripts/start.ts', '--symbols', 'ETH/USD', '--from', '2024-01-01'],
    {
      cwd: root,
      maxBuffer: 16 << 20,
      env: { ...process.env, ...CANARIES, SQLITE_PATH: join(dir, 'sentinel.db'), LOG_LEVEL: 'debug' },
    },
  );
  t.regex(stdout, /new signals/);
  t.deepEqual(secretsIn(stdout + stderr), [], 'stdout and stderr');
  t.deepEqual(secretsIn(filesUnder(dir)), [], 'files');
});

test.serial(
  'posting through the Discord sink (429, 5xx, failures) leaks no webhook URL or token to logs, errors, dead letters or files',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-canary-discord-'));
    const server = new DiscordServer();
    await server.start();
    t.teardown(() => server.close());
    const token = 'canaryLocalHookToken_ZxCvBnM-123';
    const hook = server.addWebhook({ token });
    // A 429 and a 500 (both retried, each logging a warning), then an event that fails every attempt.
    server.script(
      hook.id,
      { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.01, global: false } },
      { status: 500 },
    );
    server.script(hook.id, ...Array.from({ length: 4 }, () => ({ status: 503 })));
    Object.assign(process.env, CANARIES, {
      TEST_DISCORD_WEBHOOK: hook.url,
      DISCORD_WEBHOOK_HOST_ALLOWLIST: '127.0.0.1',
      SQLITE_PATH: join(dir, 'sentinel.db'),
      DISABLE_SECRET_MANAGER: 'true',
      LOG_LEVEL: 'debug',
    });
    resetConfigForTests();
    resetSecretsForTests();
    const logged: string[] = [];
    const runtime = await openLocalRuntime({ discord: {} });
    configureLogging({ stream: { write: (line: string) => logged.push(line) } });
    const series = findBundledSeries('BTC/USD', '1Day');
    if (!series) throw new Error('no bundled BTC/USD');
    const steps = decisionSteps([{ symbol: 'BTC/USD', assetClass: 'CRYPTO', bars: readBundledBars(series) }], '1Day', {
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2024-03-31T00:00:00Z'),
      minBars: 60,
    });
    await replayThroughPipeline(runtime.bus, '1Day', steps);
    const deadLetters = await runtime.store.listDeadLetters(100);
    await runtime.close();
    delete process.env.DISCORD_WEBHOOK_HOST_ALLOWLIST;
    resetConfigForTests();
    resetSecretsForTests();

    const leaks = (text: string) => [hook.url, token, `/${hook.id}/${token}`].filter((secret) => text.includes(secret));
    t.true(server.accepted().length > 0, 'messages were posted');
    t.true(server.requests.some((r) => r.status === 429) && server.requests.some((r) => r.status >= 500), 'failures happened');
    t.true(
      logged.some((line) => line.includes('webhook') && line.includes('test')),
      'logs name the route',
    );
    t.deepEqual(leaks(logged.join('\n')), [], 'log lines');
    t.deepEqual(leaks(JSON.stringify(deadLetters)), [], 'dead-letter records');
    t.deepEqual(leaks(filesUnder(dir)), [], 'SQLite files');
    t.deepEqual(secretsIn(logged.join('\n') + JSON.stringify(deadLetters) + filesUnder(dir)), [], 'no other canary either');
  },
);
