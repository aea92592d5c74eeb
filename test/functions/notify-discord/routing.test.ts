import test from 'ava';
import { InvalidWebhookUrlError } from '../../../functions/notify-discord/discord/discord-errors.js';
import { resolveWebhooks, routeFor, routesInUse } from '../../../functions/notify-discord/discord/routes.js';
import type { MessageAudience, Route } from '../../../functions/notify-discord/discord/routes.js';
import { parseWebhookUrl } from '../../../functions/notify-discord/discord/webhook-url.js';
import { ConfigError } from '../../../shared/errors/errors.js';

const TOKEN = 'tOkEn_123-abc';
const ID = '112233445566778899';

const matrix: [boolean, MessageAudience, Route][] = [
  [true, { kind: 'signal', assetClass: 'CRYPTO' }, 'test'],
  [true, { kind: 'signal', assetClass: 'EQUITY' }, 'test'],
  [true, { kind: 'shadow' }, 'test'],
  [true, { kind: 'system' }, 'test'],
  [false, { kind: 'signal', assetClass: 'CRYPTO' }, 'crypto'],
  [false, { kind: 'signal', assetClass: 'EQUITY' }, 'stock'],
  [false, { kind: 'shadow' }, 'shadow'],
  [false, { kind: 'system' }, 'system'],
];

for (const [testMode, audience, route] of matrix) {
  const what = audience.kind === 'signal' ? `${audience.kind} ${audience.assetClass}` : audience.kind;
  test(`routes a ${what} message to "${route}" when TEST_MODE=${testMode}`, (t) => {
    t.is(routeFor(audience, testMode), route);
  });
}

const accepted: [string, string[], string][] = [
  [`https://discord.com/api/webhooks/${ID}/${TOKEN}`, [], `https://discord.com/api/v10/webhooks/${ID}/${TOKEN}`],
  [`https://discordapp.com/api/webhooks/${ID}/${TOKEN}`, [], `https://discordapp.com/api/v10/webhooks/${ID}/${TOKEN}`],
  [`https://canary.discord.com/api/webhooks/${ID}/${TOKEN}`, [], `https://canary.discord.com/api/v10/webhooks/${ID}/${TOKEN}`],
  [`https://ptb.discord.com/api/v10/webhooks/${ID}/${TOKEN}`, [], `https://ptb.discord.com/api/v10/webhooks/${ID}/${TOKEN}`],
  [
    `https://hooks.example.org/api/webhooks/${ID}/${TOKEN}`,
    ['hooks.example.org'],
    `https://hooks.example.org/api/v10/webhooks/${ID}/${TOKEN}`,
  ],
  [`http://127.0.0.1:8123/api/webhooks/${ID}/${TOKEN}`, ['127.0.0.1'], `http://127.0.0.1:8123/api/v10/webhooks/${ID}/${TOKEN}`],
  [
    `http://localhost:8123/api/webhooks/${ID}/${TOKEN}`,
    ['localhost:8123'],
    `http://localhost:8123/api/v10/webhooks/${ID}/${TOKEN}`,
  ],
];

for (const [url, allowlist, expected] of accepted) {
  test(`accepts ${url.replace(TOKEN, '<token>')}${allowlist.length ? ` with allowlist ${allowlist}` : ''} and calls it under /api/v10/`, (t) => {
    t.is(parseWebhookUrl('test', url, allowlist).executeUrl(), expected);
  });
}

const refused: [string, string[], RegExp][] = [
  [`http://discord.com/api/webhooks/${ID}/${TOKEN}`, [], /plain http, allowed only for a loopback host/],
  [
    `https://evil.example.com/api/webhooks/${ID}/${TOKEN}`,
    [],
    /host evil\.example\.com, which is neither Discord nor in DISCORD_WEBHOOK_HOST_ALLOWLIST/,
  ],
  [`https://discord.com.evil.io/api/webhooks/${ID}/${TOKEN}`, [], /neither Discord nor in DISCORD_WEBHOOK_HOST_ALLOWLIST/],
  [
    `http://127.0.0.1:8123/api/webhooks/${ID}/${TOKEN}`,
    [],
    /loopback host 127\.0\.0\.1:8123, which is not in DISCORD_WEBHOOK_HOST_ALLOWLIST/,
  ],
  [`http://10.0.0.5/api/webhooks/${ID}/${TOKEN}`, ['10.0.0.5'], /plain http, allowed only for a loopback host/],
  [`ftp://discord.com/api/webhooks/${ID}/${TOKEN}`, [], /scheme ftp, not https/],
  [`https://discord.com/api/channels/${ID}/${TOKEN}`, [], /not of the form \/api\/webhooks\/<id>\/<token>/],
  [`https://discord.com/api/webhooks/not-a-number/${TOKEN}`, [], /not of the form/],
  [`https://discord.com/api/webhooks/${ID}/${TOKEN}?wait=true`, [], /has a query or fragment/],
  [`https://user:pw@discord.com/api/webhooks/${ID}/${TOKEN}`, [], /carries user credentials/],
  [`discord.com/api/webhooks/${ID}/${TOKEN}`, [], /is not a URL/],
];

for (const [url, allowlist, reason] of refused) {
  test(`refuses ${url.replace(TOKEN, '<token>')} naming the route and the rule, never the URL`, (t) => {
    const error = t.throws(() => parseWebhookUrl('crypto', url, allowlist), { instanceOf: InvalidWebhookUrlError });
    t.regex(error?.message ?? '', /^webhook "crypto" /);
    t.regex(error?.message ?? '', reason);
    t.false(error?.message.includes(TOKEN), 'no token in the error');
  });
}

test('a webhook target serializes and inspects as its route and id, never its token', (t) => {
  const target = parseWebhookUrl('crypto', `https://discord.com/api/webhooks/${ID}/${TOKEN}`, []);
  t.deepEqual(JSON.parse(JSON.stringify({ target })), { target: { route: 'crypto', webhookId: ID } });
  t.false(String(target).includes(TOKEN));
  t.false(JSON.stringify(target).includes(TOKEN));
});

test('the routes in use: only test in test mode; live: each enabled asset class, shadow and system', (t) => {
  t.deepEqual(routesInUse({ testMode: true, crypto: true, equity: true }), ['test']);
  t.deepEqual(routesInUse({ testMode: false, crypto: true, equity: false }), ['crypto', 'shadow', 'system']);
  t.deepEqual(routesInUse({ testMode: false, crypto: true, equity: true }), ['crypto', 'stock', 'shadow', 'system']);
});

test('a missing or invalid webhook of a route in use is one ConfigError naming each secret, without any value', (t) => {
  const values: Record<string, string> = {
    LIVE_CRYPTO_DISCORD_WEBHOOK_URL: `https://evil.example.com/api/webhooks/${ID}/${TOKEN}`,
  };
  const error = t.throws(() => resolveWebhooks(['crypto', 'stock', 'shadow'], { getSecret: (name) => values[name] }, []), {
    instanceOf: ConfigError,
  });
  t.deepEqual(
    error?.issues.map((issue) => issue.variable),
    ['LIVE_CRYPTO_DISCORD_WEBHOOK_URL', 'LIVE_STOCK_DISCORD_WEBHOOK_URL', 'DISCORD_SHADOW_WEBHOOK_URL'],
  );
  t.regex(error?.message ?? '', /LIVE_STOCK_DISCORD_WEBHOOK_URL: is not set; the "stock" Discord route needs it/);
  t.false(error?.message.includes(TOKEN));
});

test('resolves only the routes in use: test mode needs nothing but the test webhook', (t) => {
  const targets = resolveWebhooks(
    ['test'],
    { getSecret: (name) => (name === 'TEST_DISCORD_WEBHOOK' ? `https://discord.com/api/webhooks/${ID}/${TOKEN}` : undefined) },
    [],
  );
  t.deepEqual(Object.keys(targets), ['test']);
});
