import test from 'ava';
import { paperAccount } from '../../../shared/trading/paper-account.js';
import type { PositionRecord } from '../../../shared/trading/trade-records.js';

let n = 0;
function position(realizedPnl: number, closedAt: string | null, overrides: Partial<PositionRecord> = {}): PositionRecord {
  n++;
  return {
    schemaVersion: 1,
    signalId: `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '1Day',
    mode: 'simulated',
    status: closedAt === null ? 'open' : 'closed',
    plannedQty: 0.1,
    qty: closedAt === null ? 0.1 : 0,
    avgEntryPrice: 62_000,
    tranches: [],
    stop: 60_500,
    realizedPnl,
    fees: 2,
    openedAt: '2024-01-01T00:00:00.000Z',
    updatedAt: closedAt ?? '2024-01-01T00:00:00.000Z',
    closedAt,
    closeReason: closedAt === null ? null : 'stopped',
    evidence: null,
    ...overrides,
  };
}

test('the paper account: closed trades in closing order make the equity curve and the maximum drawdown', (t) => {
  const account = paperAccount(
    [
      position(-400, '2024-01-04T00:00:00.000Z'),
      position(500, '2024-01-02T00:00:00.000Z'),
      position(100, '2024-01-05T00:00:00.000Z'),
      position(-300, '2024-01-03T00:00:00.000Z'),
      position(0, null),
      position(0, '2024-01-06T00:00:00.000Z', { plannedQty: 0 }),
    ],
    100_000,
  );
  t.deepEqual(
    account.curve.map((p) => p.equity),
    [100_500, 100_200, 99_800, 99_900],
  );
  t.like(account, {
    mode: 'simulated',
    trades: 4,
    open: 1,
    wins: 2,
    losses: 2,
    realizedPnl: -100,
    equity: 99_900,
    fees: 8,
    maxDrawdown: 700,
    maxDrawdownFraction: Number((700 / 100_500).toFixed(6)),
  });
});

test('no trade: the starting equity, no drawdown, an empty curve', (t) => {
  t.like(paperAccount([], 25_000), { equity: 25_000, trades: 0, maxDrawdown: 0, curve: [], mode: 'simulated' });
});
