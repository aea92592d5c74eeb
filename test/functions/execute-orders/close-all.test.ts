import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { closeAll } from '../../../functions/execute-orders/close-all.js';
import type { Notification, NotificationSink } from '../../../functions/notify-discord/notification-sink.port.js';
import type { CliIo } from '../../../scripts/cli/io.js';
import { pauseCommand } from '../../../scripts/cli/pause.js';
import { resetConfigForTests } from '../../../shared/config/index.js';
import { sqlitePauseFlag } from '../../../shared/control/sqlite-pause-flag.js';
import { clientOrderIdFor } from '../../../shared/trading/client-order-id.js';
import type { RequestLog } from '../../servers/alpaca-server.js';
import { KEYS } from '../../shared/market-data/alpaca-fixture.js';
import { created, cryptoSignal, equitySignal, tradingHarness } from './trading-fixture.js';

const changes = (requests: readonly RequestLog[]) =>
  requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path.replace(/^\/v2\/orders\/[^/]+$/, '/v2/orders/{id}')}`);
const working = (h: Awaited<ReturnType<typeof tradingHarness>>) =>
  h.server.trading.orders
    .flatMap((o) => [o, ...(o.legs ?? [])])
    .filter((o) => ['new', 'held', 'accepted', 'partially_filled'].includes(o.status));

test('closeAll cancels every open order, sells each position of ours under its flatten id, then closes the rest', async (t) => {
  const h = await tradingHarness({ trading: { positions: { 'ETH/USD': { qty: 2, price: 3_000 } } } });
  t.teardown(() => h.close());
  const btc = cryptoSignal();
  const spy = equitySignal();
  await h.deliver(created(btc), created(spy));
  const before = h.server.requests.length;
  const report = await closeAll({ trades: h.trades, broker: h.broker, bus: h.bus, now: () => new Date('2024-03-06T00:00:00Z') });
  await h.bus.drain();
  t.deepEqual(report.failures, []);
  t.is(report.canceled, 7, 'the crypto stop and both legs of each of the three SPY brackets');
  t.deepEqual([...report.signals].sort(), [btc.signalId, spy.signalId].sort());
  t.deepEqual(report.closed, ['ETHUSD'], 'the position this system did not open, closed as asked');
  const sent = changes(h.server.requests.slice(before));
  t.deepEqual(
    sent.filter((line) => line.startsWith('DELETE /v2/orders/')).length,
    7,
    'each open order canceled at the paper server',
  );
  const posts = h.server.requests
    .slice(before)
    .filter((r) => r.method === 'POST')
    .map((r) => r.body as { client_order_id: string; side: string; type: string; qty: string });
  t.like(posts, [
    { client_order_id: clientOrderIdFor(btc.signalId, 'all', 'flatten'), side: 'sell', type: 'market', qty: '0.1' },
    { client_order_id: clientOrderIdFor(spy.signalId, 'all', 'flatten'), side: 'sell', type: 'market', qty: '10' },
  ]);
  t.is(sent.at(-1), 'DELETE /v2/positions/ETHUSD');
  t.true(
    sent.indexOf('DELETE /v2/positions/ETHUSD') > sent.lastIndexOf('DELETE /v2/orders/{id}'),
    'orders canceled before positions close',
  );
  for (const symbol of ['BTC/USD', 'SPY', 'ETH/USD']) t.is(h.server.trading.positionQty(symbol), 0, `${symbol} closed`);
  t.deepEqual(working(h), [], 'no order left working');
  for (const signal of [btc, spy])
    t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', closeReason: 'close-all', qty: 0 });
  t.is(h.published.filter((e) => e.type === 'trade.closed').length, 2);
  t.deepEqual((await closeAll({ ...h, now: () => new Date() })).signals, [], 'a second close-all finds nothing to do');
});

test('a sell the closed stock market holds is pending, not a failure; its symbol is not closed again', async (t) => {
  const h = await tradingHarness();
  t.teardown(() => h.close());
  const btc = cryptoSignal();
  const spy = equitySignal();
  await h.deliver(created(btc), created(spy));
  h.server.trading.closeMarket();
  const before = h.server.requests.length;
  const report = await closeAll({ ...h, now: () => new Date('2024-03-06T00:00:00Z') });
  t.deepEqual(report.failures, []);
  t.deepEqual(report.signals, [btc.signalId], 'crypto trades on');
  t.deepEqual(report.pending, [{ signalId: spy.signalId, symbol: 'SPY' }]);
  t.deepEqual(report.closed, []);
  t.false(
    changes(h.server.requests.slice(before)).includes('DELETE /v2/positions/SPY'),
    'the working sell holds the shares: no second close',
  );
  t.like(await h.trades.getPosition(spy.signalId), { status: 'open', closeReason: 'close-all', qty: 10 });
  // Run again (the operator is not sure it worked): the working sell is kept, and still pending.
  const again = h.server.requests.length;
  const second = await closeAll({ ...h, now: () => new Date('2024-03-06T00:05:00Z') });
  t.deepEqual(second, {
    canceled: 0,
    signals: [],
    pending: [{ signalId: spy.signalId, symbol: 'SPY' }],
    closed: [],
    failures: [],
  });
  t.deepEqual(changes(h.server.requests.slice(again)), [], 'nothing canceled, sold or closed again');
  h.server.trading.openMarket();
  t.is(h.server.trading.positionQty('SPY'), 0, 'the sell filled at the open');
});

test.serial(
  'sentinel pause --close-all acts through the configured paper broker; a plain pause leaves orders and positions',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-close-all-'));
    const path = join(dir, 'sentinel.db');
    const h = await tradingHarness({ tradesPath: path });
    const saved = { ...process.env };
    t.teardown(async () => {
      process.env = saved;
      resetConfigForTests();
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const signal = cryptoSignal();
    await h.deliver(created(signal));
    // A local store and broker: the events go to the local system, not to an emulator CI may have started.
    for (const name of ['GOOGLE_CLOUD_PROJECT', 'PUBSUB_EMULATOR_HOST']) delete process.env[name];
    Object.assign(process.env, {
      SQLITE_PATH: path,
      STORE: 'sqlite',
      ENVIRONMENT: 'dev',
      TEST_MODE: 'true',
      DISABLE_SECRET_MANAGER: 'true',
      ENABLE_EXECUTION: 'true',
      ALPACA_PAPER_TRADING: 'true',
      ALPACA_TRADING_BASE_URL: h.server.url,
      ALPACA_API_KEY: KEYS.keyId,
      ALPACA_SECRET_KEY: KEYS.secretKey,
      RATE_LIMIT_DELAY: '0',
      LOG_LEVEL: 'warn',
    });
    resetConfigForTests();
    const sent: Notification[] = [];
    const sink: NotificationSink = {
      channel: 'c',
      channelFor: (route) => route,
      send: async (n) => (sent.push(n), { messageId: String(sent.length) }),
    };
    const out: string[] = [];
    const io = {
      out: { write: (s: string) => out.push(s) },
      err: { write: () => true },
      stdin: process.stdin,
    } as unknown as CliIo;
    let now = new Date('2026-11-30T09:00:00Z');
    const deps = { scheduler: null, sink, now: () => now };

    let before = h.server.requests.length;
    t.is(await pauseCommand(deps)(['--reason', 'drill'], io), 0);
    t.deepEqual(changes(h.server.requests.slice(before)), [], 'a plain pause sends nothing: the protective stop stays');
    t.is(h.server.trading.positionQty('BTC/USD'), 0.1);
    t.regex(sent[0].text, /protective orders stay at the broker/);

    // Run with execution off, the command has the simulated broker: it says what it could not reach and exits 1.
    process.env.ENABLE_EXECUTION = 'false';
    resetConfigForTests();
    now = new Date('2026-11-30T09:02:00Z');
    t.is(await pauseCommand(deps)(['--close-all'], io), 1);
    t.deepEqual(changes(h.server.requests.slice(before)), [], 'nothing sent to Alpaca');
    t.regex(sent[1].text, /Close-all did not reach 1 open alpaca position\(s\) \(BTC\/USD\)[\s\S]*ENABLE_EXECUTION=true/);
    process.env.ENABLE_EXECUTION = 'true';
    resetConfigForTests();

    before = h.server.requests.length;
    now = new Date('2026-11-30T09:05:00Z');
    t.is(await pauseCommand(deps)(['--close-all', '--reason', 'key leaked'], io), 0);
    t.deepEqual(changes(h.server.requests.slice(before)), ['DELETE /v2/orders/{id}', 'POST /v2/orders']);
    t.like(h.server.requests.slice(before).find((r) => r.method === 'POST')?.body, {
      client_order_id: clientOrderIdFor(signal.signalId, 'all', 'flatten'),
      side: 'sell',
      qty: '0.1',
    });
    t.is(h.server.trading.positionQty('BTC/USD'), 0, 'the paper position is closed');
    t.deepEqual(working(h), [], 'the stop is canceled');
    t.like(await h.trades.getPosition(signal.signalId), { status: 'closed', closeReason: 'close-all' });
    const flag = sqlitePauseFlag(path, 'dev');
    t.teardown(() => flag.close());
    t.like(await flag.get(), { paused: true, closeAll: true, reason: 'key leaked' });
    t.is(sent[2].route, 'test', 'the system route (test mode)');
    t.regex(
      sent[2].text,
      /Close-all on the Alpaca paper account: 1 open order\(s\) canceled, 1 position\(s\) of this system closed/,
    );
    t.notRegex(sent[2].text, /not automated|did not reach/);
    t.false(out.join('').includes(KEYS.secretKey));
  },
);
