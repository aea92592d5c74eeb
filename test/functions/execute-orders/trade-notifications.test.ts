import test from 'ava';
import { reconcile } from '../../../functions/reconcile-broker/index.js';
import { renderTradeNotification } from '../../../functions/notify-discord/render-trade.js';
import { created, cryptoSignal, equitySignal, reconcileDeps, tradingHarness } from './trading-fixture.js';

const live = { testMode: false };

test('a refused entry is posted to the shadow route with its gate and figures', async (t) => {
  const h = await tradingHarness({ trading: { cash: 90_000, lastEquity: 100_000 } });
  t.teardown(() => h.close());
  await h.deliver(created(cryptoSignal()));
  const [skipped] = h.published;
  t.is(skipped?.type, 'trade.skipped');
  const notification = renderTradeNotification(skipped, live);
  t.is(notification.route, 'shadow');
  t.regex(notification.text, /No order for BTC\/USD \(paper\): daily-drawdown/);
  t.regex(notification.text, /equity: 90000 · lastEquity: 100000/);
  t.is(renderTradeNotification(skipped, { testMode: true }).route, 'test');
});

test('orders and fills follow the asset class; an orphan goes to the system route', async (t) => {
  const h = await tradingHarness({ trading: { positions: { 'ETH/USD': { qty: 2, price: 3_000 } } } });
  t.teardown(() => h.close());
  await h.deliver(created(cryptoSignal()), created(equitySignal()));
  await reconcile(reconcileDeps(h));
  await h.bus.drain();
  const routes = h.published.map((event) => `${event.type} ${event.symbol} → ${renderTradeNotification(event, live).route}`);
  t.true(routes.includes('trade.filled BTC/USD → crypto'));
  t.true(routes.includes('trade.filled SPY → stock'));
  t.true(routes.includes('trade.submitted SPY → stock'));
  t.true(routes.includes('position.orphan ETH/USD → system'));
  const orphan = h.published.find((event) => event.type === 'position.orphan');
  t.regex(orphan ? renderTradeNotification(orphan, live).text : '', /Orphan position ETHUSD[\s\S]*never traded/);
});
