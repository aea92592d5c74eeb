import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { TradeStore } from '../../shared/store/trade-store.port.js';
import type { AccountSnapshot, JournalEntry, OrderRecord, PositionRecord } from '../../shared/trading/trade-records.js';

const SIGNAL = '0b7c6f1e-58a4-5a7e-9c1f-3d4e5f6a7b8c';
const OTHER = '1c8d7a2f-69b5-5b8f-8d2a-4e5f6a7b8c9d';

/** An order record; `overrides` changes any field. */
export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    schemaVersion: 1,
    clientOrderId: `cs1-${SIGNAL}-a-entry`,
    brokerOrderId: 'b-1',
    parentClientOrderId: null,
    signalId: SIGNAL,
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    leg: 'a',
    action: 'entry',
    side: 'buy',
    type: 'market',
    qty: 0.0513,
    limitPrice: null,
    stopPrice: null,
    status: 'filled',
    filledQty: 0.0513,
    filledAvgPrice: 60_123.45,
    fees: 7.71,
    plannedPrice: 60_000,
    slippage: 123.45,
    mode: 'simulated',
    submittedAt: '2024-03-04T00:00:00.000Z',
    updatedAt: '2024-03-04T00:00:01.000Z',
    missingLooks: 0,
    ...overrides,
  };
}

export function positionRecord(overrides: Partial<PositionRecord> = {}): PositionRecord {
  return {
    schemaVersion: 1,
    signalId: SIGNAL,
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '1Day',
    mode: 'simulated',
    status: 'open',
    plannedQty: 0.0513,
    qty: 0.0513,
    avgEntryPrice: 60_123.45,
    tranches: [
      { leg: 'a', qty: 0.0256, closed: false },
      { leg: 'b', qty: 0.0128, closed: false },
      { leg: 'c', qty: 0.0129, closed: false },
    ],
    stop: 58_000,
    realizedPnl: 0,
    fees: 7.71,
    openedAt: '2024-03-04T00:00:00.000Z',
    updatedAt: '2024-03-04T00:00:00.000Z',
    closedAt: null,
    closeReason: null,
    evidence: null,
    ...overrides,
  };
}

function journal(id: string, at: string, signalId: string | null = SIGNAL): JournalEntry {
  return {
    schemaVersion: 1,
    id,
    at,
    mode: 'alpaca',
    operation: 'submit',
    signalId,
    clientOrderId: `cs1-${SIGNAL}-a-entry`,
    request: { symbol: 'BTC/USD', qty: '0.0513', nested: [1, true, null] },
    response: { id: 'b-1', status: 'accepted' },
    error: null,
  };
}

function snapshot(day: string, equity: number): AccountSnapshot {
  return {
    schemaVersion: 1,
    id: `alpaca|${day}`,
    at: `${day}T21:00:00.000Z`,
    mode: 'alpaca',
    equity,
    lastEquity: 100_000,
    cash: equity,
    buyingPower: equity * 2,
    nonMarginableBuyingPower: equity,
    positions: [{ symbol: 'BTCUSD', qty: 0.0513, marketValue: 3_100.5 }],
  };
}

/** The behaviour every `TradeStore` adapter shares. `open` gives a new, empty store each call. */
export function registerTradeStoreContract(name: string, open: () => Promise<TradeStore>): void {
  const withStore = (title: string, body: (t: ExecutionContext, store: TradeStore) => Promise<void>) =>
    test(`${name}: ${title}`, async (t) => {
      const store = await open();
      try {
        await body(t, store);
      } finally {
        await store.close();
      }
    });

  withStore('orders round-trip exactly, a second put replaces, unknown ids give null', async (t, store) => {
    t.is(await store.getOrder('nope'), null);
    const order = orderRecord({ status: 'accepted', filledQty: 0, filledAvgPrice: null });
    await store.putOrder(order);
    t.deepEqual(await store.getOrder(order.clientOrderId), order);
    const filled = orderRecord();
    await store.putOrder(filled);
    t.deepEqual(await store.getOrder(order.clientOrderId), filled);
    t.is((await store.listOrders()).length, 1);
  });

  withStore('orders list by signal, oldest submission first', async (t, store) => {
    const first = orderRecord({ clientOrderId: 'x-2', submittedAt: '2024-03-04T00:00:00Z' });
    const second = orderRecord({ clientOrderId: 'x-1', submittedAt: '2024-03-05T00:00:00Z' });
    const other = orderRecord({ clientOrderId: 'y', signalId: OTHER });
    for (const order of [second, other, first]) await store.putOrder(order);
    t.deepEqual(
      (await store.listOrders({ signalId: SIGNAL })).map((o) => o.clientOrderId),
      ['x-2', 'x-1'],
    );
    t.deepEqual(
      (await store.listOrders({ signalId: OTHER })).map((o) => o.clientOrderId),
      ['y'],
    );
  });

  withStore('positions round-trip, move from open to closed and list by status', async (t, store) => {
    const open = positionRecord();
    const later = positionRecord({ signalId: OTHER, symbol: 'SPY', assetClass: 'EQUITY', openedAt: '2024-03-05T00:00:00.000Z' });
    await store.putPosition(later);
    await store.putPosition(open);
    t.deepEqual(await store.getPosition(SIGNAL), open);
    t.deepEqual(
      (await store.listPositions('open')).map((p) => p.signalId),
      [SIGNAL, OTHER],
    );
    const closed = positionRecord({
      status: 'closed',
      qty: 0,
      closedAt: '2024-03-06T00:00:00.000Z',
      closeReason: 'zombie',
      evidence: 'no BTCUSD at the broker',
    });
    await store.putPosition(closed);
    t.deepEqual(
      (await store.listPositions('open')).map((p) => p.signalId),
      [OTHER],
    );
    t.deepEqual(await store.listPositions('closed'), [closed]);
    t.is((await store.listPositions()).length, 2);
    t.is(await store.getPosition('missing'), null);
  });

  withStore('the journal appends once per id and lists oldest first, by signal', async (t, store) => {
    t.is(await store.appendJournal(journal('j-2', '2024-03-04T00:00:02.000Z')), 'recorded');
    t.is(await store.appendJournal(journal('j-1', '2024-03-04T00:00:01.000Z')), 'recorded');
    t.is(await store.appendJournal({ ...journal('j-1', '2024-03-04T00:00:01.000Z'), error: 'changed' }), 'exists');
    await store.appendJournal(journal('j-3', '2024-03-04T00:00:03.000Z', null));
    t.deepEqual(
      (await store.listJournal({ limit: 10 })).map((e) => e.id),
      ['j-1', 'j-2', 'j-3'],
    );
    t.deepEqual(await store.listJournal({ signalId: SIGNAL, limit: 10 }), [
      journal('j-1', '2024-03-04T00:00:01.000Z'),
      journal('j-2', '2024-03-04T00:00:02.000Z'),
    ]);
    t.is((await store.listJournal({ limit: 1 })).length, 1);
  });

  withStore('account snapshots: one per id (last write wins), newest first', async (t, store) => {
    await store.putAccountSnapshot(snapshot('2024-03-04', 100_000));
    await store.putAccountSnapshot(snapshot('2024-03-05', 101_000));
    await store.putAccountSnapshot(snapshot('2024-03-04', 100_500));
    t.deepEqual(await store.listAccountSnapshots(10), [snapshot('2024-03-05', 101_000), snapshot('2024-03-04', 100_500)]);
    t.is((await store.listAccountSnapshots(1)).length, 1);
  });

  withStore('a record that does not fit its schema is refused, naming the field', async (t, store) => {
    const error = await t.throwsAsync(store.putOrder({ ...orderRecord(), qty: Number.NaN }));
    t.regex(error?.message ?? '', /qty/);
  });
}

/** The trade desk's claims, on every adapter: one holder at a time, until it gives the desk back or its lease ends. */
export function registerTradeDeskContract(name: string, open: () => Promise<TradeStore>): void {
  const t0 = '2024-03-04T00:00:00.000Z';
  const later = (ms: number) => new Date(Date.parse(t0) + ms).toISOString();
  test(`${name}: the trade desk has one holder at a time until it is given back or its lease runs out`, async (t) => {
    const store = await open();
    try {
      t.deepEqual(await store.claimDesk('a', t0, 60_000), { taken: true });
      t.deepEqual(await store.claimDesk('b', later(1_000), 60_000), { taken: false, holder: 'a', until: later(60_000) });
      t.deepEqual(await store.claimDesk('a', later(2_000), 60_000), { taken: true }, 'its holder renews it');
      await store.releaseDesk('b');
      t.like(
        await store.claimDesk('b', later(3_000), 60_000),
        { taken: false, until: later(62_000) },
        'only its holder gives it back',
      );
      await store.releaseDesk('a');
      t.deepEqual(await store.claimDesk('b', later(4_000), 60_000), { taken: true });
      t.deepEqual(await store.claimDesk('c', later(64_000), 60_000), { taken: true }, 'a lease run out frees it');
      t.like(await store.claimDesk('b', later(65_000), 60_000), { taken: false, holder: 'c' });
    } finally {
      await store.close();
    }
  });

  test(`${name}: of two claims at once, one takes the desk`, async (t) => {
    const store = await open();
    try {
      const claims = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => store.claimDesk(holder, t0, 60_000)));
      t.is(claims.filter((claim) => claim.taken).length, 1);
    } finally {
      await store.close();
    }
  });
}
