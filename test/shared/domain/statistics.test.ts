import test from 'ava';
import { outcomeOf, outcomeStatistics, statisticsBy } from '../../../shared/domain/statistics.js';
import type { ClosedOutcome } from '../../../shared/domain/statistics.js';
import { makeSignal } from '../../functions/persist-state/signal-factory.js';

function outcome(rNet: number, overrides: Partial<ClosedOutcome> = {}): ClosedOutcome {
  return {
    rGross: rNet + 0.1,
    rNet,
    exitReason: rNet <= -1 ? 'STOP' : 'EXPIRED',
    pattern: 'BULLISH_ENGULFING',
    assetClass: 'CRYPTO',
    timeframe: '1Day',
    barsHeld: 3,
    tp1Reached: false,
    exitTime: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const day = (d: number) => `2024-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;

test('an empty set has a count of 0 and no rates', (t) => {
  t.deepEqual(outcomeStatistics([]), {
    count: 0,
    winRate: null,
    tp1Rate: null,
    stopRate: null,
    expiredShare: null,
    averageRGross: null,
    averageRNet: null,
    expectancy: null,
    profitFactor: null,
    maxDrawdownR: null,
    averageBarsHeld: null,
  });
});

test('rates, averages, expectancy and profit factor of a hand-made set', (t) => {
  const outcomes = [
    outcome(2, { exitReason: 'TP3', tp1Reached: true, barsHeld: 6, exitTime: day(1) }),
    outcome(-1, { exitTime: day(2), barsHeld: 2 }),
    outcome(-1.2, { exitTime: day(3), barsHeld: 1 }),
    outcome(0.5, { exitReason: 'BREAKEVEN_STOP', tp1Reached: true, exitTime: day(4), barsHeld: 4 }),
    outcome(0.2, { exitReason: 'EXPIRED', exitTime: day(5), barsHeld: 5 }),
  ];
  const stats = outcomeStatistics(outcomes);
  t.is(stats.count, 5);
  t.is(stats.winRate, 3 / 5);
  t.is(stats.tp1Rate, 2 / 5);
  t.is(stats.stopRate, 2 / 5, 'only the initial stop counts as a stop');
  t.is(stats.expiredShare, 1 / 5);
  t.true(Math.abs((stats.averageRNet ?? 0) - 0.5 / 5) < 1e-12);
  t.true(Math.abs((stats.averageRGross ?? 0) - (0.5 / 5 + 0.1)) < 1e-12);
  t.is(stats.expectancy, stats.averageRNet);
  t.true(Math.abs((stats.profitFactor ?? 0) - 2.7 / 2.2) < 1e-12);
  t.true(Math.abs((stats.maxDrawdownR ?? 0) - 2.2) < 1e-12, 'from +2 down to -0.2');
  t.is(stats.averageBarsHeld, 18 / 5);
});

test('the drawdown follows exit time, not input order, and counts from 0', (t) => {
  const outcomes = [outcome(1, { exitTime: day(3) }), outcome(-1, { exitTime: day(1) }), outcome(-0.5, { exitTime: day(2) })];
  t.is(outcomeStatistics(outcomes).maxDrawdownR, 1.5);
});

test('no loss: no profit factor', (t) => {
  t.is(outcomeStatistics([outcome(1)]).profitFactor, null);
  t.is(outcomeStatistics([outcome(1)]).maxDrawdownR, 0);
});

test('statisticsBy groups, largest group first', (t) => {
  const groups = statisticsBy([outcome(1, { pattern: 'BULL_FLAG' }), outcome(-1), outcome(0.5)], (o) => o.pattern);
  t.deepEqual(
    groups.map(([key, stats]) => [key, stats.count]),
    [
      ['BULLISH_ENGULFING', 2],
      ['BULL_FLAG', 1],
    ],
  );
});

test('outcomeOf reads R, exit reason and TP1 from the signal, never from its status; an open signal has none', (t) => {
  t.is(outcomeOf(makeSignal()), null);
  const ended = makeSignal({
    status: 'STOPPED',
    exitReason: 'BREAKEVEN_STOP',
    exitPrice: 62_000,
    exitTime: day(3),
    tp1Reached: true,
    realizedR: 0.5,
    realizedRNet: 0.39,
    barsHeld: 4,
  });
  t.like(outcomeOf(ended), {
    rGross: 0.5,
    rNet: 0.39,
    exitReason: 'BREAKEVEN_STOP',
    tp1Reached: true,
    barsHeld: 4,
    exitTime: day(3),
  });
});
