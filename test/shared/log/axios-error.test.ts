import test from 'ava';
import axios from 'axios';
import { registerSecret } from '../../../shared/log/secret-registry.js';
import { startServer } from '../http/local-server.js';
import { captureLogger } from './capture.js';

const KEY_ID = 'PKCANARY0011223344';
const SECRET_KEY = 'sk-canary-9f8e7d6c5b4a';
const QUERY_TOKEN = 'qtok-canary-77889900';
const UNREGISTERED = 'unregistered-canary-4242';
registerSecret(KEY_ID);
registerSecret(SECRET_KEY);
registerSecret(QUERY_TOKEN);

/** A real request that fails with 500 and a JSON body, caught as the real axios error. */
async function failedRequest(): Promise<unknown> {
  const server = await startServer([{ status: 500, body: { message: 'internal error', echo: `key was ${SECRET_KEY}` } }]);
  try {
    await axios.get(`${server.url}/v2/orders?token=${QUERY_TOKEN}`, {
      headers: { 'APCA-API-KEY-ID': KEY_ID, 'APCA-API-SECRET-KEY': SECRET_KEY, 'X-Other': UNREGISTERED },
    });
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await server.close();
  }
}

test('logging a real axios error leaks no header, query or body secret', async (t) => {
  const error = await failedRequest();
  t.true(axios.isAxiosError(error), 'the request failed as an axios error');
  const { logger, text, entries } = captureLogger();
  logger.error('order call failed', { error });
  const out = text();
  for (const canary of [KEY_ID, SECRET_KEY, QUERY_TOKEN]) t.false(out.includes(canary), `${canary} leaked: ${out}`);
  t.false(out.includes(UNREGISTERED), 'request headers are not printed at all');
  t.like(entries()[0], {
    error: {
      name: 'AxiosError',
      status: 500,
      method: 'GET',
      code: 'ERR_BAD_RESPONSE',
      responseData: { message: 'internal error', echo: 'key was [REDACTED]' },
    },
  });
  t.regex(out, /"url":"http:\/\/127\.0\.0\.1:\d+\/v2\/orders\?token=\[REDACTED\]"/);
});

test('an axios error nested as a cause is reduced too', async (t) => {
  const error = new Error('placing order failed', { cause: await failedRequest() });
  const { logger, text } = captureLogger();
  logger.error('wrapped', { error });
  const out = text();
  t.false(out.includes(UNREGISTERED) || out.includes(SECRET_KEY), out);
  t.true(out.includes('"cause":{"name":"AxiosError"'), out);
});
