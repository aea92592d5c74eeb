import test from 'ava';
import { MAX_DEPTH, MAX_ITEMS, redact, REDACTED } from '../../../shared/log/redact.js';
import { MAX_STRING_LENGTH } from '../../../shared/log/redact-text.js';
import { registerSecret } from '../../../shared/log/secret-registry.js';

const CANARY = 'sk-canary-9f8e7d6c5b4a';
const LONG_CANARY = `${CANARY}-and-more`;
const ENCODED_CANARY = 'pw+canary/7h6g5f=';
registerSecret(CANARY);
registerSecret(LONG_CANARY);
registerSecret(ENCODED_CANARY);

const printed = (value: unknown): string => JSON.stringify(redact(value));

test('masks a registered secret wherever it sits in a string', (t) => {
  t.is(redact(`key is ${CANARY}, again ${CANARY}`), `key is ${REDACTED}, again ${REDACTED}`);
});

test('masks the longer of two overlapping secrets whole', (t) => {
  t.is(redact(`x ${LONG_CANARY} y`), `x ${REDACTED} y`, 'no "-and-more" tail left behind');
});

test('masks the URL-encoded form of a registered secret', (t) => {
  t.is(redact(`?p=${encodeURIComponent(ENCODED_CANARY)}&q=1`), `?p=${REDACTED}&q=1`);
});

test('masks secrets in nested objects, arrays, sets and maps', (t) => {
  const value = {
    a: [{ b: { c: `deep ${CANARY}` } }],
    set: new Set([CANARY]),
    map: new Map<unknown, unknown>([
      ['k', CANARY],
      [CANARY, 'value under a secret key'],
    ]),
  };
  const out = printed(value);
  t.false(out.includes(CANARY), out);
  t.true(out.includes('deep [REDACTED]'), out);
  t.true(out.includes('value under a secret key'), 'a map value keeps its content when only its key was secret');
});

for (const host of ['discord.com', 'discordapp.com', 'canary.discord.com', 'ptb.discord.com']) {
  test(`keeps the webhook id and masks the token of a ${host} webhook URL`, (t) => {
    const url = `https://${host}/api/webhooks/123456/abcdefTOKEN-x_y?wait=true`;
    t.is(redact(`posting to ${url}`), `posting to https://${host}/api/webhooks/123456/${REDACTED}?wait=true`);
  });
}

test('masks the token of a versioned webhook URL and keeps the path after it', (t) => {
  t.is(
    redact('https://discord.com/api/v10/webhooks/99/tok.en/messages/1'),
    `https://discord.com/api/v10/webhooks/99/${REDACTED}/messages/1`,
  );
});

test('masks Alpaca key headers written as text, in any case', (t) => {
  const out = String(redact('APCA-API-SECRET-KEY: abc123\r\napca-api-key-id: PKXYZ\r\n{"APCA-API-KEY-ID":"PK2"}'));
  t.false(/abc123|PKXYZ|PK2/.test(out), out);
  t.true(out.includes(`APCA-API-SECRET-KEY: ${REDACTED}`), out);
});

test('masks bearer and bot credentials but keeps the scheme', (t) => {
  t.is(redact('Authorization: Bearer eyJ.abc.def'), `Authorization: Bearer ${REDACTED}`);
  t.is(redact('authorization: Bot MTk4.xyz'), `authorization: Bot ${REDACTED}`);
  t.is(redact('sent bearer abc-def_123'), `sent bearer ${REDACTED}`);
  t.is(redact('the bot failed'), 'the bot failed', 'a plain word "bot" is not a credential');
});

test('masks key, secret, token, password and api key parameters up to the next separator', (t) => {
  const url = 'https://x.test/a?token=t1&x=1&api_key=k2&apikey=k3&key=k4&secret=s5&password=p6 tail';
  const out = String(redact(url));
  t.false(/t1|k2|k3|k4|s5|p6/.test(out), out);
  t.true(
    out.endsWith('&x=1&api_key=[REDACTED]&apikey=[REDACTED]&key=[REDACTED]&secret=[REDACTED]&password=[REDACTED] tail'),
    out,
  );
  t.is(redact("'access_token=abc' done"), `'access_token=${REDACTED}' done`, 'a quote ends the value');
});

test('blanks string values under secret-named keys, whatever their content', (t) => {
  const out = redact({
    authorization: 'Basic dXNlcjpwYXNz',
    'APCA-API-SECRET-KEY': 'plain',
    'apca-api-key-id': 'PKID',
    password: 'hunter22',
    webhookUrl: 'https://example.test/hook',
    DISCORD_WEBHOOK_URL: 'anything',
    ALPACA_SECRET: 'x',
    refreshToken: 'y',
    ALPACA_API_KEY: 'z',
    symbol: 'ETH/USD',
    tokenCount: 5,
  });
  t.deepEqual(out, {
    authorization: REDACTED,
    'APCA-API-SECRET-KEY': REDACTED,
    'apca-api-key-id': REDACTED,
    password: REDACTED,
    webhookUrl: REDACTED,
    DISCORD_WEBHOOK_URL: REDACTED,
    ALPACA_SECRET: REDACTED,
    refreshToken: REDACTED,
    ALPACA_API_KEY: REDACTED,
    symbol: 'ETH/USD',
    tokenCount: 5,
  });
});

test('turns an error into a plain object with message, stack and cause chain redacted', (t) => {
  const error = new Error(`outer ${CANARY}`, { cause: new Error(`inner ${CANARY}`, { cause: `root ${CANARY}` }) });
  const out = redact(error);
  const text = JSON.stringify(out);
  t.false(text.includes(CANARY), text);
  t.like(out, {
    name: 'Error',
    message: `outer ${REDACTED}`,
    cause: { name: 'Error', message: `inner ${REDACTED}`, cause: `root ${REDACTED}` },
  });
  t.true(text.includes('"stack":"Error: outer [REDACTED]'), 'the stack is kept, redacted');
});

test('keeps an error code and its own fields', (t) => {
  const error = Object.assign(new Error('failed'), { code: 'E_X', symbol: 'ETH/USD', token: 'tkn' });
  t.like(redact(error), { code: 'E_X', symbol: 'ETH/USD', token: REDACTED });
});

test('keeps the inner errors of an AggregateError', (t) => {
  const out = JSON.stringify(redact(new AggregateError([new Error(`one ${CANARY}`)], 'many')));
  t.true(out.includes('"errors":[{"name":"Error","message":"one [REDACTED]"'), out);
});

test('replaces cycles with a marker instead of throwing', (t) => {
  const node: Record<string, unknown> = { name: 'a' };
  node.self = node;
  node.list = [node];
  t.deepEqual(redact(node), { name: 'a', self: '[Circular]', list: ['[Circular]'] });
});

test('repeats a shared, non-cyclic reference in full', (t) => {
  const shared = { v: 1 };
  t.deepEqual(redact({ a: shared, b: shared }), { a: { v: 1 }, b: { v: 1 } });
});

test('cuts nesting deeper than the depth cap', (t) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < MAX_DEPTH + 5; i += 1) value = { next: value };
  t.true(JSON.stringify(redact(value)).includes('"[Truncated]"'));
  t.false(JSON.stringify(redact(value)).includes('bottom'));
});

test('caps huge strings and long arrays', (t) => {
  const huge = `${'a'.repeat(MAX_STRING_LENGTH * 10)}${CANARY}`;
  const out = String(redact(huge));
  t.true(out.length < MAX_STRING_LENGTH + 100, `length ${out.length}`);
  t.true(out.endsWith(`[truncated from ${huge.length} chars]`));
  const list = redact(Array.from({ length: MAX_ITEMS + 7 }, (_, i) => i));
  t.true(Array.isArray(list) && list.length === MAX_ITEMS + 1 && list[MAX_ITEMS] === '…7 more items');
});

test('prints odd values without throwing', (t) => {
  const throwing = {
    get boom(): string {
      throw new Error(`getter ${CANARY}`);
    },
  };
  t.deepEqual(redact({ n: 10n, d: new Date(0), f: function named() {}, b: Buffer.from('secret bytes') }), {
    n: '10',
    d: '1970-01-01T00:00:00.000Z',
    f: '[Function named]',
    b: '[Buffer 12 bytes]',
  });
  t.is(redact(throwing), `[Unprintable: getter ${REDACTED}]`);
  t.is(redact(new URL(`https://x.test/?token=${CANARY}`)), `https://x.test/?token=${REDACTED}`);
});
