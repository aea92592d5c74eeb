import test from 'ava';
import { serverRetryAfterMs } from '../../../shared/http/retry-after.js';
import { backoffMs, isIdempotentRequest } from '../../../shared/http/retry-policy.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const asked = (headers: Record<string, string>, data: unknown = '', status = 429): number | undefined =>
  serverRetryAfterMs({ status, headers, data }, NOW);

test('reads Retry-After given in seconds, fractional included', (t) => {
  t.is(asked({ 'retry-after': '3' }), 3_000);
  t.is(asked({ 'retry-after': '0.5' }), 500);
});

test('reads Retry-After given as an HTTP date, relative to now', (t) => {
  t.is(asked({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }), 7_000);
  t.is(asked({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), 0, 'a date in the past asks for no wait');
});

test("reads Discord's retry_after from the body and takes the longer of header and body", (t) => {
  t.is(asked({}, { retry_after: 64.57 }), 64_570);
  t.is(asked({ 'retry-after': '65' }, { retry_after: 64.57 }), 65_000);
});

test("reads Alpaca's X-RateLimit-Reset epoch on a 429 only", (t) => {
  const reset = String(NOW / 1000 + 42);
  t.is(asked({ 'x-ratelimit-reset': reset }), 42_000);
  t.is(asked({ 'x-ratelimit-reset': reset }, '', 503), undefined, 'a 5xx carrying quota headers is not a rate limit');
  t.is(asked({ 'x-ratelimit-reset': String(NOW / 1000 - 5) }), 0, 'a reset in the past asks for no wait');
});

test('returns undefined when the server said nothing usable', (t) => {
  t.is(asked({}), undefined);
  t.is(asked({ 'retry-after': 'soon' }, { retry_after: 'later' }), undefined);
  t.is(asked({ 'retry-after': '-1' }), undefined);
  t.is(asked({ 'x-ratelimit-reset': 'never' }), undefined);
  t.is(serverRetryAfterMs(undefined, NOW), undefined);
});

test('backoff doubles per retry with ±20 % jitter and is capped', (t) => {
  t.deepEqual(
    [1, 2, 3, 4].map((retry) => backoffMs(retry, 500, 30_000, () => 0.5)),
    [500, 1_000, 2_000, 4_000],
  );
  t.is(
    backoffMs(1, 500, 30_000, () => 0),
    400,
  );
  t.is(
    backoffMs(1, 500, 30_000, () => 0.999_999),
    600,
  );
  t.is(
    backoffMs(10, 500, 30_000, () => 0.5),
    30_000,
  );
});

test('treats POST and PATCH as repeatable only when flagged idempotent', (t) => {
  t.true(isIdempotentRequest({ method: 'get' }));
  t.true(isIdempotentRequest({ method: 'DELETE' }));
  t.false(isIdempotentRequest({ method: 'post' }));
  t.false(isIdempotentRequest({ method: 'patch' }));
  t.true(isIdempotentRequest({ method: 'post', idempotent: true }));
});
