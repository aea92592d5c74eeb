import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DiscordServer } from '../servers/discord-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

function start(env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ['--import=tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    maxBuffer: 32 << 20,
    env: { ...process.env, LOG_LEVEL: 'warn', DISABLE_SECRET_MANAGER: 'true', ...env },
  });
}

test('the default npm start writes the outbox with embeds and charts, and regenerates outbox.html from it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-start-outbox-'));
  const { stderr } = await start({ SQLITE_PATH: join(dir, 'sentinel.db') }, '--symbols', 'ETH/USD', '--from', '2024-01-01');
  const lines = readFileSync(join(dir, 'outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; files: { base64: string }[]; payload: { embeds: unknown[] } });
  const created = lines.filter((line) => line.type === 'signal.created');
  t.true(created.length > 0);
  t.true(
    created.every((line) => line.files.length === 1 && line.files[0].base64.startsWith('iVBORw0KGgo')),
    'every new signal carries its PNG chart',
  );
  t.true(lines.every((line) => line.payload.embeds.length === 1));
  t.is(lines.filter((line) => line.type === 'digest').length, 1, 'the digest of the last day');
  const html = readFileSync(join(dir, 'outbox.html'), 'utf8');
  t.is(html.match(/<article class="message"/g)?.length, lines.length);
  t.regex(stderr, new RegExp(`outbox: ${lines.length} messages → .*outbox\\.html`));
});

test('npm start -- --discord posts every message to the configured webhook, with progress, and writes no outbox', async (t) => {
  const server = new DiscordServer();
  await server.start();
  t.teardown(() => server.close());
  const hook = server.addWebhook();
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-start-discord-'));
  const env = {
    SQLITE_PATH: join(dir, 'sentinel.db'),
    TEST_DISCORD_WEBHOOK: hook.url,
    DISCORD_WEBHOOK_HOST_ALLOWLIST: '127.0.0.1',
  };
  const { stdout, stderr } = await start(env, '--discord', '--symbols', 'ETH/USD', '--from', '2024-01-01', '--to', '2024-04-30');
  const posts = server.accepted().filter((r) => r.method === 'POST');
  t.true(posts.length > 0);
  t.is(stderr.match(/^discord #\d+: \S+ \S+ → test$/gm)?.length, posts.length, 'one progress line per post');
  t.true(server.requests.every((r) => r.query.wait === 'true' || r.method === 'PATCH'));
  t.regex(stdout, /0 dead letters/);
  t.false(stderr.includes(hook.token) || stdout.includes(hook.token));
  const again = await start(env, '--discord', '--symbols', 'ETH/USD', '--from', '2024-01-01', '--to', '2024-04-30');
  t.is(server.accepted().filter((r) => r.method === 'POST').length, posts.length, 'a second run posts nothing new');
  t.regex(again.stdout, /0 new signals/);
});

test('npm start -- --discord without a webhook is a configuration error naming the secret', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-start-nohook-'));
  const error = await t.throwsAsync(
    start({ SQLITE_PATH: join(dir, 'sentinel.db'), TEST_DISCORD_WEBHOOK: '' }, '--discord', '--symbols', 'ETH/USD'),
  );
  const failure = error as Error & { code?: number; stderr?: string };
  t.is(failure.code, 78);
  t.regex(failure.stderr ?? '', /TEST_DISCORD_WEBHOOK: is not set; the "test" Discord route needs it/);
});
