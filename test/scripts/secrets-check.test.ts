import test from 'ava';
import { secretsCommand } from '../../scripts/cli/secrets.js';
import type { CliIo } from '../../scripts/cli/io.js';
import { resetConfigForTests } from '../../shared/config/index.js';
import type { SecretVersionClient } from '../../shared/secrets/secret-ages.js';
import { SECRET_NAMES } from '../../shared/secrets/secret-names.js';

const DAY_S = 86_400;
const NOW = new Date('2026-11-30T00:00:00Z');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const streams = {
    out: { write: (s: string) => out.push(s) },
    err: { write: (s: string) => err.push(s) },
    stdin: process.stdin,
  } as unknown as CliIo;
  return { streams, out: () => out.join(''), err: () => err.join('') };
}

function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  resetConfigForTests();
  return run().finally(() => {
    process.env = saved;
    resetConfigForTests();
  });
}

/** Versions created `days` ago per secret; absent ones answer NOT_FOUND. Records what was asked, never a value. */
function client(days: Partial<Record<string, number>>): SecretVersionClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getSecretVersion: async ({ name }) => {
      asked.push(name);
      const secret = /secrets\/(\w+)\//.exec(name)?.[1] ?? '';
      const age = days[secret];
      if (age === undefined) throw Object.assign(new Error('5 NOT_FOUND'), { code: 5 });
      return [{ createTime: { seconds: NOW.getTime() / 1000 - age * DAY_S } }];
    },
  };
}

test.serial('secrets check lists the age of each secret and warns, exit 1, past 90 days', async (t) => {
  const fake = client({ ALPACA_API_KEY: 120, ALPACA_SECRET_KEY: 120, TEST_DISCORD_WEBHOOK: 3 });
  const { streams, out, err } = io();
  const code = await withEnv({ GOOGLE_CLOUD_PROJECT: 'sentinel-ages', DISABLE_SECRET_MANAGER: 'false' }, () =>
    secretsCommand({ client: fake, now: () => NOW })(['check'], streams),
  );
  t.is(code, 1);
  t.regex(out(), /ALPACA_API_KEY\s+120 d\s+2026-08-02\s+ROTATE \(> 90 d\)/);
  t.regex(out(), /TEST_DISCORD_WEBHOOK\s+3 d\s+2026-11-27\s+ok/);
  t.regex(out(), /DISCORD_BOT_TOKEN\s+-\s+-\s+missing/);
  t.regex(err(), /warning: ALPACA_SECRET_KEY is 120 days old/);
  t.is(fake.asked.length, SECRET_NAMES.length);
  t.true(fake.asked.every((name) => name.startsWith('projects/sentinel-ages/secrets/') && name.endsWith('/versions/latest')));
});

test.serial('secrets check with fresh secrets exits 0; --json gives the same facts', async (t) => {
  const fake = client(Object.fromEntries(SECRET_NAMES.map((name) => [name, 10])));
  const { streams, out } = io();
  const code = await withEnv({ GOOGLE_CLOUD_PROJECT: 'sentinel-ages', DISABLE_SECRET_MANAGER: 'false' }, () =>
    secretsCommand({ client: fake, now: () => NOW })(['check', '--json'], streams),
  );
  t.is(code, 0);
  const report = JSON.parse(out()) as { secrets: Array<{ name: string; state: string; ageDays: number }> };
  t.true(report.secrets.every((s) => s.state === 'ok' && s.ageDays === 10));
});

test.serial('locally, from the environment or .env, secrets check says the ages are unknown', async (t) => {
  const { streams, out } = io();
  const code = await withEnv({ DISABLE_SECRET_MANAGER: 'true' }, () => secretsCommand({})(['check'], streams));
  t.is(code, 0);
  t.regex(out(), /ages are unknown/);
});

test.serial('secrets without "check" is a usage error', async (t) => {
  const { streams } = io();
  await t.throwsAsync(
    withEnv({ DISABLE_SECRET_MANAGER: 'true' }, () => secretsCommand({})(['list'], streams)),
    { message: /only subcommand is "check"/ },
  );
});
