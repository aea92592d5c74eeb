import test from 'ava';
import axios from 'axios';
import sinon from 'sinon';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import { createHttpClient } from '../../../shared/http/create-http-client.js';
import type { HttpClientOptions } from '../../../shared/http/create-http-client.js';
import { registerSecret } from '../../../shared/log/secret-registry.js';
import { createThrottle } from '../../../shared/throttle/throttle.js';
import { captureLogger } from '../log/capture.js';
import { closedPort, startServer } from './local-server.js';
import type { Reply } from './local-server.js';

const QUERY_CANARY = 'qtok-canary-31415926';
registerSecret(QUERY_CANARY);

/** A client with tiny delays whose waits are recorded instead of slept, and whose log is captured. */
function client(options: HttpClientOptions = {}) {
  const waits: number[] = [];
  const capture = captureLogger();
  const http = createHttpClient({
    baseDelayMs: 1,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    logger: capture.logger,
    ...options,
  });
  return { http, waits, capture };
}

async function withServer<T>(replies: Reply[], run: (url: string) => Promise<T>): Promise<T> {
  const server = await startServer(replies);
  try {
    return await run(server.url);
  } finally {
    await server.close();
  }
}

const statusOf = (error: unknown): number | undefined => (axios.isAxiosError(error) ? error.response?.status : undefined);

test('succeeds after two retries when 500, 500 is followed by 200', async (t) => {
  const server = await startServer([{ status: 500 }, { status: 500 }, { status: 200, body: { ok: true } }]);
  const { http, waits, capture } = client();
  const response = await http.get(`${server.url}/v2/account`).finally(() => server.close());
  t.deepEqual(response.data, { ok: true });
  t.is(server.received.length, 3);
  t.deepEqual(waits, [1, 2], 'backoff doubles from baseDelayMs (jitter centred by random 0.5)');
  t.like(capture.entries()[0], { severity: 'WARNING', attempt: 2, maxAttempts: 4, status: 500, method: 'GET', delayMs: 1 });
  t.like(capture.entries()[1], { attempt: 3, delayMs: 2 });
});

test('fails after exactly four attempts on repeated 503', async (t) => {
  const server = await startServer([{ status: 503 }]);
  const { http, waits } = client();
  const error = await t.throwsAsync(http.get(`${server.url}/x`).finally(() => server.close()));
  t.is(statusOf(error), 503);
  t.is(server.received.length, 4, 'one attempt plus three retries');
  t.is(waits.length, 3);
});

test('does not retry a 404', async (t) => {
  const server = await startServer([{ status: 404 }, { status: 200 }]);
  const { http, waits } = client();
  const error = await t.throwsAsync(http.get(`${server.url}/x`).finally(() => server.close()));
  t.is(statusOf(error), 404);
  t.is(server.received.length, 1);
  t.deepEqual(waits, []);
});

test('waits at least the Retry-After seconds of a 429', async (t) => {
  const { http, waits, capture } = client();
  await withServer([{ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 }], (url) => http.get(`${url}/x`));
  t.deepEqual(waits, [1_000], 'the server asked for 1 s; backoff alone would be 1 ms');
  t.like(capture.entries()[0], { status: 429, retryAfterMs: 1_000, delayMs: 1_000 });
});

test("waits Discord's fractional retry_after from the JSON body", async (t) => {
  const { http, waits } = client();
  const limited = { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.25, global: false } };
  await withServer([limited, { status: 200 }], (url) => http.get(`${url}/x`));
  t.deepEqual(waits, [250]);
});

test("caps the server's ask at maxDelayMs", async (t) => {
  const { http, waits } = client({ maxDelayMs: 50 });
  await withServer([{ status: 429, headers: { 'Retry-After': '64' } }, { status: 200 }], (url) => http.get(`${url}/x`));
  t.deepEqual(waits, [50]);
});

test('sends a POST without the idempotent flag exactly once on 500', async (t) => {
  const server = await startServer([{ status: 500 }, { status: 200 }]);
  const { http, waits } = client();
  const error = await t.throwsAsync(http.post(`${server.url}/webhook`, { content: 'hi' }).finally(() => server.close()));
  t.is(statusOf(error), 500);
  t.is(server.received.length, 1);
  t.deepEqual(waits, []);
});

test('retries a POST marked idempotent, resending the same body', async (t) => {
  const server = await startServer([{ status: 500 }, { status: 201, body: { id: 'o-1' } }]);
  const { http } = client();
  const order = { symbol: 'ETH/USD', client_order_id: 'sig-123' };
  const response = await http.post(`${server.url}/v2/orders`, order, { idempotent: true }).finally(() => server.close());
  t.is(response.status, 201);
  t.deepEqual(
    server.received.map((request) => request.body),
    [JSON.stringify(order), JSON.stringify(order)],
  );
});

test('retries a refused connection, then fails with the network error code', async (t) => {
  const port = await closedPort();
  const { http, waits, capture } = client();
  const error = await t.throwsAsync(http.get(`http://127.0.0.1:${port}/x`));
  t.true(axios.isAxiosError(error) && error.code === 'ECONNREFUSED', String(error));
  t.regex(String(error?.message), /ECONNREFUSED 127\.0\.0\.1:\d+/);
  t.is(waits.length, 3, 'three retries before giving up');
  t.like(capture.entries()[2], { attempt: 4, code: 'ECONNREFUSED' });
});

test('retries a timed-out request as a network error', async (t) => {
  const server = await startServer([{ hang: true }, { status: 200, body: 'second answer' }]);
  const { http, waits, capture } = client({ timeoutMs: 500 });
  const response = await http.get(`${server.url}/x`).finally(() => server.close());
  t.is(response.data, 'second answer');
  t.is(waits.length, 1);
  t.like(capture.entries()[0], { code: 'ETIMEDOUT', attempt: 2 });
});

test('every attempt, retries included, acquires the throttle once', async (t) => {
  const throttle = createThrottle({ perMinute: 1_000, minSpacingMs: 0 });
  const acquire = sinon.spy(throttle, 'acquire');
  const server = await startServer([{ status: 502 }, { status: 500 }, { status: 200 }]);
  const { http } = client({ throttle });
  await http.get(`${server.url}/x`).finally(() => server.close());
  t.is(server.received.length, 3);
  t.is(acquire.callCount, 3);
});

test('sends the default headers and keeps secrets out of the retry warnings', async (t) => {
  const server = await startServer([{ status: 500 }, { status: 200 }]);
  const { http, capture } = client({ baseURL: server.url, headers: { 'APCA-API-KEY-ID': 'PK-default-header' } });
  await http.get(`/v2/bars?token=${QUERY_CANARY}`).finally(() => server.close());
  t.is(server.received[0].headers['apca-api-key-id'], 'PK-default-header');
  t.false(capture.text().includes(QUERY_CANARY), capture.text());
  t.like(capture.entries()[0], { url: `${server.url}/v2/bars?token=[REDACTED]` });
});

test('rejects invalid options, naming the option', (t) => {
  for (const [name, options] of [
    ['retries', { retries: -1 }],
    ['retries', { retries: 1.5 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['baseDelayMs', { baseDelayMs: -1 }],
    ['maxDelayMs', { maxDelayMs: Number.NaN }],
  ] as const) {
    const error = t.throws(() => createHttpClient(options), { instanceOf: InvalidArgumentError });
    t.is(error?.argument, name);
  }
});
