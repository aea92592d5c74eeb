import type { Bar } from '../../shared/domain/bar.js';
import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { BarLedgerStore } from '../../shared/store/store.port.js';
import type { WithStore } from './with-store.js';

const DAY_MS = 86_400_000;

/** `count` daily bars from 2024-01-01 (UTC midnight), prices shifted by `shift` so two series differ. */
function dailyBars(count: number, shift = 0, from = 0): Bar[] {
  return Array.from({ length: count }, (_, i) => {
    const k = from + i;
    const open = 100 + k + shift;
    return {
      timestamp: new Date(Date.UTC(2024, 0, 1) + k * DAY_MS).toISOString().replace('.000Z', 'Z'),
      open,
      high: open + 2.5,
      low: open - 1.25,
      close: open + 0.5,
      volume: 1_000.125 + k,
    };
  });
}

/** The bar ledger: exact round trip, overwrite, isolation per symbol and timeframe. */
export function registerBarLedgerContract(withStore: WithStore<BarLedgerStore>): void {
  withStore('bar ledger: gives back the stored bars and time exactly; unknown keys give null', async (t, store) => {
    const bars = dailyBars(400);
    await store.putBarLedger('BTC/USD', '1Day', bars, '2024-03-04T08:00:00.000Z');
    t.deepEqual(await store.getBarLedger('BTC/USD', '1Day'), { bars, updatedAt: '2024-03-04T08:00:00.000Z' });
    t.is(await store.getBarLedger('ETH/USD', '1Day'), null);
    t.is(await store.getBarLedger('BTC/USD', '4Hour'), null);
  });

  withStore('bar ledger: a second write replaces the first (bars and time), however many bars each has', async (t, store) => {
    await store.putBarLedger('SPY', '1Day', dailyBars(10), '2024-03-04T08:00:00Z');
    const next = dailyBars(3, 7, 9);
    await store.putBarLedger('SPY', '1Day', next, '2024-03-05T08:00:00Z');
    t.deepEqual(await store.getBarLedger('SPY', '1Day'), { bars: next, updatedAt: '2024-03-05T08:00:00Z' });
    await store.putBarLedger('SPY', '1Day', [], '2024-03-06T08:00:00Z');
    t.deepEqual(
      await store.getBarLedger('SPY', '1Day'),
      { bars: [], updatedAt: '2024-03-06T08:00:00Z' },
      'an empty ledger is kept as such',
    );
  });

  withStore('bar ledger: each symbol and timeframe is its own entry', async (t, store) => {
    const keys = [
      ['BTC/USD', '1Day'],
      ['BTC/USD', '4Hour'],
      ['BTCUSD', '1Day'],
      ['SPY', '1Day'],
    ] as const;
    for (const [i, [symbol, timeframe]] of keys.entries()) {
      await store.putBarLedger(symbol, timeframe, dailyBars(5, i * 10), `2024-03-0${i + 1}T00:00:00Z`);
    }
    for (const [i, [symbol, timeframe]] of keys.entries()) {
      t.deepEqual(await store.getBarLedger(symbol, timeframe), {
        bars: dailyBars(5, i * 10),
        updatedAt: `2024-03-0${i + 1}T00:00:00Z`,
      });
    }
  });

  withStore('bar ledger: refuses bars a reader could not decode, naming the field', async (t, store) => {
    const [bar] = dailyBars(1);
    const error = await t.throwsAsync(
      store.putBarLedger('BTC/USD', '1Day', [bar, { ...bar, close: Number.NaN }], '2024-03-04T08:00:00Z'),
      {
        instanceOf: InvalidArgumentError,
      },
    );
    t.regex(error.argument, /^bars\.1\.close$/);
    t.is(await store.getBarLedger('BTC/USD', '1Day'), null, 'nothing was written');
  });
}
