import test from 'ava';
import { parseConfig } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors/errors.js';

const PROD = { ENVIRONMENT: 'prod', GOOGLE_CLOUD_PROJECT: 'sentinel-prod' };

function issuesOf(env: Record<string, string>) {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

test('orders reach the broker with execution enabled and paper trading; on Cloud Functions only in prod', (t) => {
  t.true(parseConfig({ ...PROD, ENABLE_EXECUTION: 'true' }).execution.brokerOrders);
  t.false(parseConfig({ ...PROD }).execution.brokerOrders, 'execution off');
  const dev = parseConfig({ ENABLE_EXECUTION: 'true' });
  t.true(dev.execution.enabled);
  t.true(dev.execution.brokerOrders, 'dev may paper-trade locally');
  const cloudDev = parseConfig({ ENABLE_EXECUTION: 'true', K_SERVICE: 'executeOrders', GOOGLE_CLOUD_PROJECT: 'sentinel-dev' });
  t.false(cloudDev.execution.brokerOrders, 'dev on Cloud Functions only simulates fills');
  const emulatorStack = parseConfig({
    ENABLE_EXECUTION: 'true',
    K_SERVICE: 'executeOrders',
    GOOGLE_CLOUD_PROJECT: 'sentinel-e2e',
    PUBSUB_EMULATOR_HOST: '127.0.0.1:8085',
  });
  t.true(emulatorStack.execution.brokerOrders, 'dev on the emulator stack may paper-trade');
  t.true(parseConfig({ ...PROD, K_SERVICE: 'executeOrders', ENABLE_EXECUTION: 'true' }).execution.brokerOrders);
});

test('a live trading host is refused at start, with or without execution', (t) => {
  for (const env of [
    { ALPACA_TRADING_BASE_URL: 'https://api.alpaca.markets' },
    { ...PROD, ENABLE_EXECUTION: 'true', ALPACA_TRADING_BASE_URL: 'https://api.alpaca.markets/v2' },
    // The same host fully qualified, in capitals, or percent-encoded, even when allow-listed as a test host.
    ...['https://api.alpaca.markets./', 'https://API.Alpaca.Markets..:443/v2', 'https://api%2ealpaca%2emarkets/'].map((url) => ({
      ...PROD,
      ENABLE_EXECUTION: 'true',
      ALPACA_TRADING_BASE_URL: url,
      ALPACA_TRADING_HOST_ALLOWLIST: 'api.alpaca.markets.,API.alpaca.markets',
    })),
  ]) {
    const issues = issuesOf(env);
    t.deepEqual(
      issues.map((i) => i.variable),
      ['ALPACA_TRADING_BASE_URL'],
    );
    t.regex(issues[0].reason, /live-money host/);
  }
});

test('with execution on, the trading host must be paper, loopback or allow-listed', (t) => {
  const issues = issuesOf({ ENABLE_EXECUTION: 'true', ALPACA_TRADING_BASE_URL: 'https://broker.example.test' });
  t.deepEqual(
    issues.map((i) => i.variable),
    ['ALPACA_TRADING_BASE_URL'],
  );
  t.regex(issues[0].reason, /ALPACA_TRADING_HOST_ALLOWLIST/);
  t.true(
    parseConfig({
      ENABLE_EXECUTION: 'true',
      ALPACA_TRADING_BASE_URL: 'https://broker.example.test',
      ALPACA_TRADING_HOST_ALLOWLIST: 'broker.example.test',
    }).execution.brokerOrders,
  );
  t.true(parseConfig({ ENABLE_EXECUTION: 'true', ALPACA_TRADING_BASE_URL: 'http://127.0.0.1:9100' }).execution.brokerOrders);
  // Without execution an unknown host is refused all the same: the keys would go there to list assets (egress).
  t.deepEqual(
    issuesOf({ ALPACA_TRADING_BASE_URL: 'https://broker.example.test' }).map((i) => i.variable),
    ['ALPACA_TRADING_BASE_URL'],
  );
});

test('ALPACA_PAPER_TRADING=false is refused and asks for the second switch', (t) => {
  const issues = issuesOf({ ...PROD, ENABLE_EXECUTION: 'true', ALPACA_PAPER_TRADING: 'false' });
  t.is(issues.length, 1);
  t.is(issues[0].variable, 'ALPACA_PAPER_TRADING');
  t.regex(issues[0].reason, /refused.*ALLOW_LIVE_MONEY=I_UNDERSTAND/);
});

test('ALPACA_PAPER_TRADING=false is refused even with ALLOW_LIVE_MONEY=I_UNDERSTAND because live money is not implemented', (t) => {
  const issues = issuesOf({ ...PROD, ALPACA_PAPER_TRADING: '0', ALLOW_LIVE_MONEY: 'I_UNDERSTAND' });
  t.deepEqual(
    issues.map((i) => i.variable),
    ['ALPACA_PAPER_TRADING'],
  );
  t.regex(issues[0].reason, /not implemented/);
});

test('ALLOW_LIVE_MONEY alone changes nothing', (t) => {
  t.true(parseConfig({ ALLOW_LIVE_MONEY: 'I_UNDERSTAND' }).alpaca.paperTrading);
});

test('ENVIRONMENT=prod requires GOOGLE_CLOUD_PROJECT', (t) => {
  const issues = issuesOf({ ENVIRONMENT: 'prod' });
  t.deepEqual(issues, [{ variable: 'GOOGLE_CLOUD_PROJECT', reason: 'is required when ENVIRONMENT=prod' }]);
});

test('STORE=firestore requires a project or the Firestore emulator', (t) => {
  t.deepEqual(issuesOf({ STORE: 'firestore' }), [
    { variable: 'STORE', reason: 'firestore needs GOOGLE_CLOUD_PROJECT or FIRESTORE_EMULATOR_HOST' },
  ]);
  t.is(parseConfig({ STORE: 'firestore', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8682' }).store.kind, 'firestore');
  t.is(parseConfig({ STORE: 'firestore', GOOGLE_CLOUD_PROJECT: 'sentinel-dev' }).store.kind, 'firestore');
});

test('STORE=sqlite is refused on Cloud Functions', (t) => {
  const issues = issuesOf({ K_SERVICE: 'persist-state', GOOGLE_CLOUD_PROJECT: 'sentinel-dev', STORE: 'sqlite' });
  t.deepEqual(
    issues.map((i) => i.variable),
    ['STORE'],
  );
  t.regex(issues[0].reason, /temporary disk/);
});

test('Secret Manager requires GOOGLE_CLOUD_PROJECT, explicitly or by default on Cloud Functions', (t) => {
  t.deepEqual(
    issuesOf({ DISABLE_SECRET_MANAGER: 'false' }).map((i) => i.variable),
    ['GOOGLE_CLOUD_PROJECT'],
  );
  t.deepEqual(
    issuesOf({ K_SERVICE: 'notify-discord', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8682' }).map((i) => i.variable),
    ['GOOGLE_CLOUD_PROJECT'],
  );
});

test('every broken rule is listed at once', (t) => {
  const issues = issuesOf({ ENVIRONMENT: 'prod', ALPACA_PAPER_TRADING: 'false', STORE: 'firestore' });
  t.deepEqual(
    issues.map((i) => i.variable),
    ['ALPACA_PAPER_TRADING', 'GOOGLE_CLOUD_PROJECT', 'STORE'],
  );
});

test('ENVIRONMENT=prod refuses DISABLE_SECRET_MANAGER=true, on Cloud Functions or not', (t) => {
  for (const extra of [{}, { K_SERVICE: 'notify-discord' }] as Array<Record<string, string>>) {
    const issues = issuesOf({ ...PROD, ...extra, DISABLE_SECRET_MANAGER: 'true' });
    t.deepEqual(
      issues.map((i) => i.variable),
      ['DISABLE_SECRET_MANAGER'],
    );
    t.regex(issues[0].reason, /refused when ENVIRONMENT=prod.*Secret Manager/);
  }
  t.true(parseConfig(PROD).secrets.useSecretManager, 'prod on a command line reads Secret Manager too (DESIGN decision 17)');
  t.false(parseConfig({ DISABLE_SECRET_MANAGER: 'true' }).secrets.useSecretManager, 'dev may read .env');
});

test("Alpaca base URLs: https to Alpaca's hosts, loopback test servers, or an allow-listed host; the variable is named", (t) => {
  t.deepEqual(
    issuesOf({
      ALPACA_DATA_BASE_URL: 'https://data.alpaca.markets',
      ALPACA_TRADING_BASE_URL: 'https://paper-api.alpaca.markets/v2',
    }),
    [],
  );
  t.deepEqual(issuesOf({ ALPACA_DATA_BASE_URL: 'http://127.0.0.1:9000', ALPACA_TRADING_BASE_URL: 'http://localhost:9001' }), []);

  const plain = issuesOf({ ALPACA_DATA_BASE_URL: 'http://data.alpaca.markets' });
  t.deepEqual(
    plain.map((i) => i.variable),
    ['ALPACA_DATA_BASE_URL'],
  );
  t.regex(plain[0].reason, /must use https/);

  const elsewhere = issuesOf({ ALPACA_TRADING_BASE_URL: 'https://alpaca.example.com' });
  t.deepEqual(
    elsewhere.map((i) => i.variable),
    ['ALPACA_TRADING_BASE_URL'],
  );
  t.regex(elsewhere[0].reason, /alpaca\.example\.com.*ALPACA_HOST_ALLOWLIST/);
  t.deepEqual(
    issuesOf({ ALPACA_TRADING_BASE_URL: 'https://api.alpaca.markets' }).map((i) => i.variable),
    ['ALPACA_TRADING_BASE_URL'],
    'the live trading host is not an Alpaca trading host here',
  );

  const listed = parseConfig({
    ALPACA_DATA_BASE_URL: 'https://alpaca-proxy.example.com',
    ALPACA_HOST_ALLOWLIST: 'Alpaca-Proxy.example.com',
  });
  t.deepEqual(listed.marketData.hostAllowlist, ['alpaca-proxy.example.com']);
  t.deepEqual(
    issuesOf({ ALPACA_DATA_BASE_URL: 'http://alpaca-proxy.example.com', ALPACA_HOST_ALLOWLIST: 'alpaca-proxy.example.com' }).map(
      (i) => i.variable,
    ),
    ['ALPACA_DATA_BASE_URL'],
    'an allow-listed host still needs https',
  );
});

test('the warehouse: BigQuery on Cloud Functions, DuckDB locally and on the emulator stack, WAREHOUSE wins', (t) => {
  const cloud = { K_SERVICE: 'archiveAnalytics', GOOGLE_CLOUD_PROJECT: 'sentinel-dev' };
  t.is(parseConfig(cloud).warehouse.kind, 'bigquery');
  t.is(parseConfig({ ...cloud, PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' }).warehouse.kind, 'duckdb', 'sentinel stack');
  t.is(parseConfig({}).warehouse.kind, 'duckdb');
  t.is(parseConfig({ ...cloud, PUBSUB_EMULATOR_HOST: '127.0.0.1:8085', WAREHOUSE: 'bigquery' }).warehouse.kind, 'bigquery');
  t.deepEqual(
    issuesOf({ ...PROD, K_SERVICE: 'archiveAnalytics', PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' }).map((i) => i.variable),
    ['PUBSUB_EMULATOR_HOST'],
    'never on a prod deployment',
  );
});
