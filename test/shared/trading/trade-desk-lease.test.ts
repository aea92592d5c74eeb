import test from 'ava';
import sinon from 'sinon';
import { openSqliteTradeStore } from '../../../shared/store/sqlite-trade-store.js';
import { TRADE_DESK_LEASE_MS, atTradeDesk } from '../../../shared/trading/trade-desk.js';

test('a run longer than the lease keeps the desk (renewed each quarter lease), and gives it back when done', async (t) => {
  const clock = sinon.useFakeTimers({
    now: Date.parse('2024-03-04T00:00:00Z'),
    toFake: ['Date', 'setInterval', 'clearInterval'],
  });
  t.teardown(() => clock.restore());
  const trades = openSqliteTradeStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => trades.close());
  const now = () => new Date();
  let finish: () => void = () => undefined;
  const run = atTradeDesk({ trades, now }, 'reconcile (long)', () => new Promise<void>((resolve) => (finish = resolve)));
  for (let minutes = 1; minutes <= 6; minutes++) {
    await clock.tickAsync(60_000);
    t.like(
      await trades.claimDesk('executeOrders', now().toISOString(), 1_000),
      { taken: false, holder: 'reconcile (long)' },
      `still held after ${minutes} min (the lease is ${TRADE_DESK_LEASE_MS / 60_000} min)`,
    );
  }
  finish();
  await run;
  t.deepEqual(await trades.claimDesk('executeOrders', now().toISOString(), 1_000), { taken: true }, 'given back');
  await clock.tickAsync(TRADE_DESK_LEASE_MS);
  t.deepEqual(await trades.claimDesk('close-all', now().toISOString(), 1_000), { taken: true }, 'no renewal after the end');
});
