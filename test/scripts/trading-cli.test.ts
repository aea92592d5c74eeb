import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { CliIo } from '../../scripts/cli/io.js';
import { ordersCommand, positionsCommand, reconcileCommand } from '../../scripts/cli/trading.js';
import { UsageError } from '../../scripts/replay/cli-options.js';
import { resetConfigForTests } from '../../shared/config/index.js';
import { openSqliteTradeStore } from '../../shared/store/sqlite-trade-store.js';
import { clientOrderIdFor } from '../../shared/trading/client-order-id.js';
import { created, cryptoSignal, equitySignal, tradingHarness } from '../functions/execute-orders/trading-fixture.js';
import { KEYS } from '../shared/market-data/alpaca-fixture.js';

function capture() {
  const out: string[] = [];
  const io = { out: { write: (s: string) => out.push(s) }, err: { write: () => true }, stdin: process.stdin } as unknown as CliIo;
  return { io, text: () => out.join('') };
}

/** BTC/USD and SPY entered by executeOrders at the local Alpaca (paper), ETH/USD held there by no signal. */
async function paperAccountWithOrphan(t: ExecutionContext) {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-trading-cli-'));
  const path = join(dir, 'sentinel.db');
  const h = await tradingHarness({ tradesPath: path, trading: { positions: { 'ETH/USD': { qty: 2, price: 3_000 } } } });
  const saved = { ...process.env };
  t.teardown(async () => {
    process.env = saved;
    resetConfigForTests();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await h.deliver(created(cryptoSignal()), created(equitySignal()));
  // A local store and broker: the events go to the local system, not to an emulator CI may have started.
  for (const name of ['GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST']) delete process.env[name];
  Object.assign(process.env, {
    SQLITE_PATH: path,
    STORE: 'sqlite',
    ENVIRONMENT: 'dev',
    DISABLE_SECRET_MANAGER: 'true',
    ENABLE_EXECUTION: 'true',
    ALPACA_PAPER_TRADING: 'true',
    ALPACA_TRADING_BASE_URL: h.server.url,
    ALPACA_API_KEY: KEYS.keyId,
    ALPACA_SECRET_KEY: KEYS.secretKey,
    RATE_LIMIT_DELAY: '0',
  });
  resetConfigForTests();
  return { h, path };
}

test.serial('sentinel positions: the store against the paper broker, with the drift and the orphan', async (t) => {
  const { h } = await paperAccountWithOrphan(t);
  const json = capture();
  t.is(await positionsCommand(['--json'], json.io), 0);
  const { mode, positions } = JSON.parse(json.text()) as { mode: string; positions: Record<string, unknown>[] };
  t.is(mode, 'alpaca');
  t.like(positions, [
    { symbol: 'BTC/USD', signals: [cryptoSignal().signalId], store: 0.1, broker: 0.1, drift: 0, avgEntryPrice: 62_000 },
    { symbol: 'ETHUSD', signals: [], store: 0, broker: 2, drift: 2 },
    { symbol: 'SPY', signals: [equitySignal().signalId], store: 10, broker: 10, drift: 0 },
  ]);

  h.server.trading.dropPosition('SPY');
  const human = capture();
  t.is(await positionsCommand([], human.io), 0);
  t.regex(human.text(), /^alpaca broker: 3 positions, 2 drifting$/m);
  t.regex(human.text(), /ETHUSD\s+\(orphan\)\s+0\s+2\s+2/);
  t.regex(human.text(), /SPY\s+6a1d2b3c\s+10\s+0\s+-10/);
  t.false(human.text().includes(KEYS.secretKey));
});

test.serial('sentinel orders --signal: the orders sent for one signal; without a signal id it is a usage error', async (t) => {
  await paperAccountWithOrphan(t);
  const signal = cryptoSignal();
  const json = capture();
  t.is(await ordersCommand(['--signal', signal.signalId, '--json'], json.io), 0);
  const { orders } = JSON.parse(json.text()) as { orders: { clientOrderId: string; status: string; type: string }[] };
  t.like(orders, [
    { clientOrderId: clientOrderIdFor(signal.signalId, 'all', 'entry'), status: 'filled', type: 'market' },
    { clientOrderId: clientOrderIdFor(signal.signalId, 'all', 'stop'), status: 'new', type: 'stop_limit' },
  ]);
  t.is(orders.length, 2);
  const human = capture();
  t.is(await ordersCommand(['--signal', signal.signalId], human.io), 0);
  t.regex(human.text(), new RegExp(`^2 orders for signal ${signal.signalId}$`, 'm'));
  t.regex(human.text(), /stop_limit\s+new\s+0\.1\s+0\s+—\s+59,895\.00\s+60,500\.00/);
  await t.throwsAsync(ordersCommand([], capture().io), { message: /--signal <signal id> \(a UUID\) is required/ });
});

test.serial(
  'sentinel reconcile: the broker against the store once, the orphan reported, the account snapshot taken',
  async (t) => {
    const { h, path } = await paperAccountWithOrphan(t);
    h.server.trading.setPrice('BTC/USD', 60_000); // the protective stop fills at the broker
    const json = capture();
    t.is(await reconcileCommand(['--json'], json.io), 0);
    const report = JSON.parse(json.text()) as Record<string, unknown>;
    t.like(report, { mode: 'alpaca', orphans: [{ symbol: 'ETHUSD', qty: 2 }], closed: [cryptoSignal().signalId], lost: [] });
    t.is(
      h.server.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/v2/positions')).length,
      0,
      'the orphan is not traded',
    );
    const trades = openSqliteTradeStore({ path, environment: 'dev' });
    t.teardown(() => trades.close());
    t.like(await trades.getPosition(cryptoSignal().signalId), { status: 'closed', closeReason: 'closed-at-broker' });
    // Its trade.closed reached the local system's consumers: the notification in the outbox beside the store.
    const outbox = readFileSync(join(dirname(path), 'outbox.jsonl'), 'utf8');
    t.true(
      outbox
        .split('\n')
        .some((line) => line.includes('"type":"trade.closed","symbol":"BTC/USD"') && line.includes('closed-at-broker')),
      'the close is notified',
    );
    t.regex(json.text(), /^\{.*\}\n$/s, 'stdout is the report alone');
    const [snapshot] = await trades.listAccountSnapshots(5);
    t.like(snapshot, { mode: 'alpaca' });
    t.deepEqual(snapshot?.positions.map((p) => p.symbol).sort(), ['ETHUSD', 'SPY']);
  },
);

test.serial(
  'sentinel reconcile: a crypto fee taken in the coin is listed, with the protective stop shrunk to what is held',
  async (t) => {
    const { h } = await paperAccountWithOrphan(t);
    const fee = h.server.trading.postCryptoFee('BTC/USD', 0.00025, 62_000);
    const human = capture();
    t.is(await reconcileCommand([], human.io), 0);
    t.regex(
      human.text(),
      new RegExp(`crypto fee ${fee.id}: 0\\.00025 of the coin \\(\\$15\\.50\\) on signal ${cryptoSignal().signalId}`),
    );
    t.regex(human.text(), new RegExp(`protective stop of signal ${cryptoSignal().signalId} shrunk to what is held`));
  },
);

test('sentinel orders names what is wrong with --signal: missing, or not a UUID', async (t) => {
  const { io } = capture();
  await t.throwsAsync(ordersCommand([], io), { instanceOf: UsageError, message: /--signal <signal id> \(a UUID\) is required/ });
  await t.throwsAsync(ordersCommand(['--signal', 'nope'], io), {
    instanceOf: UsageError,
    message: 'orders: --signal "nope" is not a signal id (a UUID)',
  });
});
