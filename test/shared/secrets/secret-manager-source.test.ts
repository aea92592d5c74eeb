import test from 'ava';
import sinon from 'sinon';
import { SecretLoadError } from '../../../shared/errors/errors.js';
import { SecretManagerSource } from '../../../shared/secrets/secret-manager-source.js';
import type { SecretManagerClient } from '../../../shared/secrets/secret-manager-source.js';

type Access = SecretManagerClient['accessSecretVersion'];

function clientWith(access: sinon.SinonStub<Parameters<Access>, ReturnType<Access>>): SecretManagerClient {
  return { accessSecretVersion: access };
}

test('reads the latest version at projects/P/secrets/NAME/versions/latest', async (t) => {
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>().resolves([{ payload: { data: 'value-1234567' } }]);
  const source = new SecretManagerSource({ client: clientWith(access), projectId: 'sentinel-prod' });
  t.is(await source.get('TEST_DISCORD_WEBHOOK'), 'value-1234567');
  t.deepEqual(access.firstCall.args[0], { name: 'projects/sentinel-prod/secrets/TEST_DISCORD_WEBHOOK/versions/latest' });
});

test('decodes a byte payload as UTF-8 and trims the trailing newline gcloud stores', async (t) => {
  const data = new TextEncoder().encode('pk-bytes-123456\n');
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>().resolves([{ payload: { data } }]);
  const source = new SecretManagerSource({ client: clientWith(access), projectId: 'sentinel-prod' });
  t.is(await source.get('ALPACA_API_KEY'), 'pk-bytes-123456');
});

test('an empty or absent payload reads as unset', async (t) => {
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>();
  access.onCall(0).resolves([{ payload: { data: '' } }]);
  access.onCall(1).resolves([{ payload: null }]);
  access.onCall(2).resolves([{}]);
  const source = new SecretManagerSource({ client: clientWith(access), projectId: 'sentinel-prod' });
  for (let i = 0; i < 3; i++) t.is(await source.get('DISCORD_BOT_TOKEN'), undefined);
});

test('NOT_FOUND (gRPC code 5) reads as unset', async (t) => {
  const notFound = Object.assign(new Error('5 NOT_FOUND: Secret [projects/1/secrets/X] not found'), { code: 5 });
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>().rejects(notFound);
  const source = new SecretManagerSource({ client: clientWith(access), projectId: 'sentinel-prod' });
  t.is(await source.get('DISCORD_SHADOW_WEBHOOK_URL'), undefined);
});

test('any other failure throws SecretLoadError naming the secret and the code, never the client text', async (t) => {
  const canary = 'leaked-value-0f9e8d7c';
  const denied = Object.assign(new Error(`7 PERMISSION_DENIED: payload ${canary}`), { code: 7, details: canary });
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>().rejects(denied);
  const source = new SecretManagerSource({ client: clientWith(access), projectId: 'sentinel-prod' });
  const error = await t.throwsAsync(source.get('ALPACA_SECRET_KEY'), { instanceOf: SecretLoadError });
  t.is(error.code, 'SECRETS.LOAD_FAILED');
  t.is(error.secretName, 'ALPACA_SECRET_KEY');
  t.is(
    error.message,
    'secret ALPACA_SECRET_KEY could not be read: Secret Manager projects/sentinel-prod/secrets/ALPACA_SECRET_KEY/versions/latest failed with gRPC code 7 PERMISSION_DENIED',
  );
  t.false(JSON.stringify(error).includes(canary));
  t.is(error.cause, undefined, 'the client error is not attached');
});

test('a failure without a gRPC code is described by its type only', async (t) => {
  const access = sinon.stub<Parameters<Access>, ReturnType<Access>>().rejects(new TypeError('sk-canary-11223344 is weird'));
  const source = new SecretManagerSource({ client: clientWith(access), projectId: 'sentinel-prod' });
  const error = await t.throwsAsync(source.get('ALPACA_SECRET_KEY'), { instanceOf: SecretLoadError });
  t.regex(error.message, /failed with an error of type TypeError$/);
  t.false(error.message.includes('canary'));
});
