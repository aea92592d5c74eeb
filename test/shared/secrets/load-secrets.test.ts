import { createSecretManagerClient } from '../../../shared/secrets/secret-manager-client.js';
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import sinon from 'sinon';
import { parseConfig } from '../../../shared/config/load-config.js';
import { ConfigError, SecretLoadError } from '../../../shared/errors/errors.js';
import { registeredSecrets } from '../../../shared/log/secret-registry.js';
import { loadSecrets } from '../../../shared/secrets/load-secrets.js';
import type { SecretManagerClient } from '../../../shared/secrets/secret-manager-source.js';
import { SECRET_NAMES } from '../../../shared/secrets/secret-names.js';
import type { SecretName } from '../../../shared/secrets/secret-names.js';

type Access = SecretManagerClient['accessSecretVersion'];

/** A Secret Manager client stub holding `values`; any other secret answers NOT_FOUND. */
function stubClient(values: Partial<Record<SecretName, string>>) {
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>().callsFake(async ({ name }) => {
    const secret = /secrets\/([A-Z_]+)\/versions/.exec(name)?.[1] as SecretName;
    const data = values[secret];
    if (data === undefined) throw Object.assign(new Error('5 NOT_FOUND'), { code: 5 });
    return [{ payload: { data: new TextEncoder().encode(data) } }];
  });
  return { client: { accessSecretVersion: access }, access };
}

const managerConfig = parseConfig({ GOOGLE_CLOUD_PROJECT: 'sentinel-dev', DISABLE_SECRET_MANAGER: 'false' });
const localConfig = parseConfig({});
const emptyDir = (): string => mkdtempSync(join(tmpdir(), 'sentinel-secrets-'));

function dirWithDotEnv(text: string): string {
  const dir = emptyDir();
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

test('Secret Manager is read once per secret per instance: a second load does not hit the client', async (t) => {
  const { client, access } = stubClient({ ALPACA_API_KEY: 'PK-cache-0001', ALPACA_SECRET_KEY: 'SK-cache-0001' });
  const first = await loadSecrets({ config: managerConfig, client, cwd: emptyDir() });
  const second = await loadSecrets({ config: managerConfig, client, cwd: emptyDir() });
  t.is(access.callCount, SECRET_NAMES.length, 'one read per secret name, missing ones included');
  t.is(first.getSecret('ALPACA_API_KEY'), 'PK-cache-0001');
  t.is(second.getSecret('ALPACA_SECRET_KEY'), 'SK-cache-0001');
});

test('only the requested names are read', async (t) => {
  const { client, access } = stubClient({ TEST_DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/1/names-only' });
  const secrets = await loadSecrets({ config: managerConfig, client, cwd: emptyDir(), names: ['TEST_DISCORD_WEBHOOK'] });
  t.is(access.callCount, 1);
  t.is(access.firstCall.args[0].name, 'projects/sentinel-dev/secrets/TEST_DISCORD_WEBHOOK/versions/latest');
  t.true(secrets.has('TEST_DISCORD_WEBHOOK'));
});

test('a missing secret is undefined and requireSecret names it and where to set it', async (t) => {
  const { client } = stubClient({ ALPACA_API_KEY: 'PK-require-0002' });
  const secrets = await loadSecrets({ config: managerConfig, client, cwd: emptyDir() });
  t.is(secrets.getSecret('TEST_DISCORD_WEBHOOK'), undefined);
  t.is(secrets.requireSecret('ALPACA_API_KEY'), 'PK-require-0002');
  const error = t.throws(() => secrets.requireSecret('TEST_DISCORD_WEBHOOK'), { instanceOf: ConfigError });
  t.is(
    error.message,
    'secret TEST_DISCORD_WEBHOOK is not set (Secret Manager secret projects/sentinel-dev/secrets/TEST_DISCORD_WEBHOOK or env var (or .env file) when DISABLE_SECRET_MANAGER=true)',
  );
  t.deepEqual(
    error.issues.map((i) => i.variable),
    ['TEST_DISCORD_WEBHOOK'],
  );
  t.false(error.message.includes('PK-require-0002'));
});

test('a failing client surfaces SecretLoadError without any secret value, and the failure is not cached', async (t) => {
  const { client, access } = stubClient({ ALPACA_API_KEY: 'PK-failing-0003' });
  access.onCall(0).rejects(Object.assign(new Error('14 UNAVAILABLE PK-failing-0003'), { code: 14 }));
  const error = await t.throwsAsync(loadSecrets({ config: managerConfig, client, cwd: emptyDir(), names: ['ALPACA_API_KEY'] }), {
    instanceOf: SecretLoadError,
  });
  t.regex(error.message, /ALPACA_API_KEY.*gRPC code 14 UNAVAILABLE/);
  t.false(error.message.includes('PK-failing-0003'));
  const retried = await loadSecrets({ config: managerConfig, client, cwd: emptyDir(), names: ['ALPACA_API_KEY'] });
  t.is(retried.getSecret('ALPACA_API_KEY'), 'PK-failing-0003', 'the next load asks again');
});

test('every loaded value is registered with the redactor', async (t) => {
  const values = { ALPACA_API_KEY: 'PK-register-0004', DISCORD_BOT_TOKEN: 'bot-register-0004' };
  const { client } = stubClient(values);
  await loadSecrets({ config: managerConfig, client, cwd: emptyDir() });
  const dir = dirWithDotEnv('TEST_DISCORD_WEBHOOK=https://discord.com/api/webhooks/9/register-0004\n');
  await loadSecrets({ config: localConfig, env: { ALPACA_SECRET_KEY: 'SK-register-env-0004' }, cwd: dir });
  const registered = registeredSecrets();
  for (const value of [...Object.values(values), 'SK-register-env-0004', 'https://discord.com/api/webhooks/9/register-0004']) {
    t.true(registered.includes(value), `${value.slice(0, 3)}… is registered`);
  }
});

test('JSON.stringify and util.inspect show names only, never values', async (t) => {
  const values = { ALPACA_API_KEY: 'PK-print-0005', ALPACA_SECRET_KEY: 'SK-print-0005' };
  const secrets = await loadSecrets({ config: managerConfig, client: stubClient(values).client, cwd: emptyDir() });
  const printed = [
    JSON.stringify(secrets),
    inspect(secrets, { showHidden: true, depth: 10 }),
    String(secrets),
    `${inspect({ secrets })}`,
  ];
  for (const text of printed) {
    t.false(text.includes('print-0005'), text);
    t.true(text.includes('ALPACA_API_KEY'), 'names are shown');
  }
  t.deepEqual(JSON.parse(JSON.stringify(secrets)).set, ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY']);
});

test('alpacaCredentials needs both keys', async (t) => {
  const both = await loadSecrets({
    config: localConfig,
    env: { ALPACA_API_KEY: 'PK-both-0006', ALPACA_SECRET_KEY: 'SK-both-0006' },
    cwd: emptyDir(),
  });
  t.deepEqual(both.alpacaCredentials(), { keyId: 'PK-both-0006', secretKey: 'SK-both-0006' });
  const one = await loadSecrets({ config: localConfig, env: { ALPACA_API_KEY: 'PK-one-0006' }, cwd: emptyDir() });
  t.is(one.alpacaCredentials(), undefined);
});

test('locally the .env file of cwd is read, and the environment wins over it', async (t) => {
  const dir = dirWithDotEnv('ALPACA_API_KEY=PK-file-0007\nALPACA_SECRET_KEY="SK-file-0007"\nDISCORD_BOT_TOKEN=bot-file-0007\n');
  const env = { ALPACA_API_KEY: 'PK-env-0007', DISCORD_BOT_TOKEN: '' };
  const secrets = await loadSecrets({ config: localConfig, env, cwd: dir });
  t.is(secrets.getSecret('ALPACA_API_KEY'), 'PK-env-0007', 'the environment wins');
  t.is(secrets.getSecret('ALPACA_SECRET_KEY'), 'SK-file-0007', 'from the file, quotes removed');
  t.is(secrets.getSecret('DISCORD_BOT_TOKEN'), 'bot-file-0007', 'an empty variable counts as unset');
  t.is(secrets.getSecret('TEST_DISCORD_WEBHOOK'), undefined);
});

test('the local source caches per environment: a second load does not read the file again', async (t) => {
  const dir = dirWithDotEnv('DISCORD_BOT_TOKEN=bot-before-0008\n');
  const env = {};
  t.is((await loadSecrets({ config: localConfig, env, cwd: dir })).getSecret('DISCORD_BOT_TOKEN'), 'bot-before-0008');
  writeFileSync(join(dir, '.env'), 'DISCORD_BOT_TOKEN=bot-after-0008\n');
  t.is((await loadSecrets({ config: localConfig, env, cwd: dir })).getSecret('DISCORD_BOT_TOKEN'), 'bot-before-0008');
});

test('a .env file is refused in prod on Cloud Functions', async (t) => {
  const config = parseConfig({ ENVIRONMENT: 'prod', K_SERVICE: 'notify-discord', GOOGLE_CLOUD_PROJECT: 'sentinel-prod' });
  const dir = dirWithDotEnv('TEST_DISCORD_WEBHOOK=https://discord.com/api/webhooks/1/refused-0009\n');
  const error = await t.throwsAsync(loadSecrets({ config, env: {}, cwd: dir }), { instanceOf: ConfigError });
  t.regex(error.message, /\.env: a \.env file is refused in production/);
  t.false(error.message.includes('refused-0009'));
});

test('prod reads Secret Manager even on a command line (ADC), never the local .env', async (t) => {
  const config = parseConfig({ ENVIRONMENT: 'prod', GOOGLE_CLOUD_PROJECT: 'sentinel-prod' });
  t.true(config.secrets.useSecretManager);
  const dir = dirWithDotEnv('DISCORD_BOT_TOKEN=bot-local-prod-0010\n');
  const { client, access } = stubClient({ DISCORD_BOT_TOKEN: 'bot-manager-prod-0010' });
  const secrets = await loadSecrets({
    config,
    client,
    env: { DISCORD_BOT_TOKEN: 'bot-env-prod-0010' },
    cwd: dir,
    names: ['DISCORD_BOT_TOKEN'],
  });
  t.is(secrets.getSecret('DISCORD_BOT_TOKEN'), 'bot-manager-prod-0010');
  t.is(access.firstCall.args[0].name, 'projects/sentinel-prod/secrets/DISCORD_BOT_TOKEN/versions/latest');
});

test('after SECRET_CACHE_TTL_SECONDS a secret is read again: a rotation takes effect, the old value stays masked', async (t) => {
  const config = parseConfig({
    GOOGLE_CLOUD_PROJECT: 'sentinel-ttl',
    DISABLE_SECRET_MANAGER: 'false',
    SECRET_CACHE_TTL_SECONDS: '600',
  });
  t.is(config.secrets.cacheTtlSeconds, 600);
  const values: Partial<Record<SecretName, string>> = { ALPACA_API_KEY: 'PK-rotation-before-0020' };
  const { client, access } = stubClient(values);
  let now = 1_000_000;
  const load = () => loadSecrets({ config, client, cwd: emptyDir(), names: ['ALPACA_API_KEY'], now: () => now });

  t.is((await load()).getSecret('ALPACA_API_KEY'), 'PK-rotation-before-0020');
  values.ALPACA_API_KEY = 'PK-rotation-after-0020';
  now += 599_000;
  t.is((await load()).getSecret('ALPACA_API_KEY'), 'PK-rotation-before-0020', 'within the TTL the cached value is used');
  t.is(access.callCount, 1);
  now += 1_000;
  t.is((await load()).getSecret('ALPACA_API_KEY'), 'PK-rotation-after-0020', 'at the TTL the new version is read');
  t.is(access.callCount, 2);
  t.true(registeredSecrets().includes('PK-rotation-before-0020'), 'the replaced value is still masked');
  t.true(registeredSecrets().includes('PK-rotation-after-0020'));
});

test('a failed re-read keeps the last good value and tries again at the next use', async (t) => {
  const config = parseConfig({
    GOOGLE_CLOUD_PROJECT: 'sentinel-stale',
    DISABLE_SECRET_MANAGER: 'false',
    SECRET_CACHE_TTL_SECONDS: '60',
  });
  const { client, access } = stubClient({ DISCORD_BOT_TOKEN: 'bot-stale-0021' });
  let now = 0;
  const load = () => loadSecrets({ config, client, cwd: emptyDir(), names: ['DISCORD_BOT_TOKEN'], now: () => now });
  await load();
  access.rejects(Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }));
  now += 60_000;
  t.is((await load()).getSecret('DISCORD_BOT_TOKEN'), 'bot-stale-0021');
  t.is(access.callCount, 2);
  access.resetBehavior();
  access.resolves([{ payload: { data: 'bot-fresh-0021' } }]);
  t.is((await load()).getSecret('DISCORD_BOT_TOKEN'), 'bot-fresh-0021', 'the next use reads again');
});

test('Secret Manager enabled without a client is a ConfigError pointing at DISABLE_SECRET_MANAGER=true', async (t) => {
  const error = await t.throwsAsync(loadSecrets({ config: managerConfig, cwd: emptyDir(), clientFactory: () => undefined }), {
    instanceOf: ConfigError,
  });
  t.deepEqual(
    error.issues.map((i) => i.variable),
    ['DISABLE_SECRET_MANAGER'],
  );
  t.regex(error.message, /no Secret Manager client is available; set DISABLE_SECRET_MANAGER=true for local runs/);
});

test('a client factory supplies the client when none is passed', async (t) => {
  const { client, access } = stubClient({ DISCORD_SYSTEM_WEBHOOK_URL: 'https://discord.com/api/webhooks/2/factory-0011' });
  const factory = sinon.stub().returns(client);
  const config = parseConfig({ GOOGLE_CLOUD_PROJECT: 'sentinel-factory', DISABLE_SECRET_MANAGER: 'false' });
  const secrets = await loadSecrets({ config, clientFactory: factory, cwd: emptyDir(), names: ['DISCORD_SYSTEM_WEBHOOK_URL'] });
  t.is(factory.callCount, 1);
  t.is(access.firstCall.args[0].name, 'projects/sentinel-factory/secrets/DISCORD_SYSTEM_WEBHOOK_URL/versions/latest');
  t.is(secrets.getSecret('DISCORD_SYSTEM_WEBHOOK_URL'), 'https://discord.com/api/webhooks/2/factory-0011');
});

test('an injected source is used as is, cached and registered', async (t) => {
  const get = sinon.stub().callsFake(async (name: SecretName) => (name === 'DISCORD_BOT_TOKEN' ? 'bot-source-0012' : undefined));
  const source = { get };
  await loadSecrets({ config: managerConfig, source, cwd: emptyDir() });
  const secrets = await loadSecrets({ config: managerConfig, source, cwd: emptyDir() });
  t.is(get.callCount, SECRET_NAMES.length);
  t.is(secrets.getSecret('DISCORD_BOT_TOKEN'), 'bot-source-0012');
  t.true(registeredSecrets().includes('bot-source-0012'));
});

test('by default Secret Manager is reached through the real SecretManagerServiceClient', (t) => {
  const client = createSecretManagerClient();
  t.is(client.constructor.name, 'SecretManagerServiceClient');
  t.is(typeof client.accessSecretVersion, 'function');
});
