import test from 'ava';
import { chandelierExit } from '../../../../functions/generate-signals/indicators/chandelier-exit.js';
import { InvalidArgumentError } from '../../../../shared/errors/errors.js';
import { loadBars } from '../../../helpers/data.js';
import { columns, isClose, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'chandelierExit',
  inputs: ['high', 'low', 'close'],
  run: ([high, low, close], params) => ({ ...chandelierExit(high, low, close, params?.period) }),
  warmUp: 22,
  periods: ['period'],
});

/** Window scans and a textbook Wilder ATR, O(n·period). */
function slowChandelier(high: number[], low: number[], close: number[], period: number, k: number) {
  const atr = close.map(() => Number.NaN);
  const tr = close.map((_, i) =>
    i === 0 ? 0 : Math.max(high[i] - low[i], Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])),
  );
  atr[period] = tr.slice(1, period + 1).reduce((a, b) => a + b) / period;
  for (let i = period + 1; i < close.length; i++) atr[i] = (atr[i - 1] * (period - 1) + tr[i]) / period;
  return {
    long: close.map((_, i) => (i < period ? Number.NaN : Math.max(...high.slice(i - period + 1, i + 1)) - k * atr[i])),
    short: close.map((_, i) => (i < period ? Number.NaN : Math.min(...low.slice(i - period + 1, i + 1)) + k * atr[i])),
  };
}

for (const [file, period, k] of [
  ['btc-usd-1d.csv', 22, 3],
  ['eth-usd-4h.csv', 10, 2.5],
] as const) {
  test(`matches window scans minus/plus k·Wilder ATR on ${file} (${period}, ${k}) within 1e-9`, (t) => {
    const [high, low, close] = columns(loadBars(file), ['high', 'low', 'close']);
    const expected = slowChandelier(high, low, close, period, k);
    const actual = chandelierExit(high, low, close, period, k);
    for (const side of ['long', 'short'] as const) {
      const bad = expected[side].findIndex((value, i) => !isClose(actual[side][i], value, 1e-9));
      t.is(bad, -1, bad < 0 ? side : `${side} at ${bad}: ${actual[side][bad]} vs ${expected[side][bad]}`);
    }
  });
}

test('hangs the exits from the window extremes by hand (period 2, k 1)', (t) => {
  // TR: i=1 max(2, |13−9|, |11−9|) = 4, i=2 max(3, 0, 3) = 3 → ATR 3.5 at i=2;
  // highest high of bars 1..2 is 13, lowest low 9 → long 13 − 3.5, short 9 + 3.5.
  const { long, short } = chandelierExit([10, 13, 12], [8, 11, 9], [9, 12, 10], 2, 1);
  t.deepEqual([...long], [NaN, NaN, 9.5]);
  t.deepEqual([...short], [NaN, NaN, 12.5]);
});

test('rejects a non-finite k, naming "k"', (t) => {
  const error = t.throws(() => chandelierExit([1, 2], [1, 2], [1, 2], 1, Number.NaN), { instanceOf: InvalidArgumentError });
  t.is(error?.argument, 'k');
});
