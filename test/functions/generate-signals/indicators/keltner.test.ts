import test from 'ava';
import { keltner } from '../../../../functions/generate-signals/indicators/keltner.js';
import { InvalidArgumentError } from '../../../../shared/errors/errors.js';
import { loadBars } from '../../../helpers/data.js';
import { columns, isClose, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'keltner',
  inputs: ['high', 'low', 'close'],
  run: ([high, low, close], params) => ({ ...keltner(high, low, close, params?.period) }),
  warmUp: { lower: 20, middle: 19, upper: 20 },
  periods: ['period'],
});

/** Textbook EMA of values[from..]: SMA seed at from+period−1, NaN before. */
function slowEma(values: readonly number[], period: number, from: number): number[] {
  const out = values.map(() => Number.NaN);
  const seedAt = from + period - 1;
  if (seedAt >= values.length) return out;
  out[seedAt] = values.slice(from, seedAt + 1).reduce((a, b) => a + b) / period;
  for (let i = seedAt + 1; i < values.length; i++) out[i] = (values[i] * 2) / (period + 1) + out[i - 1] * (1 - 2 / (period + 1));
  return out;
}

for (const [file, period, k] of [
  ['btc-usd-1d.csv', 20, 2],
  ['nvda-1d.csv', 10, 1.5],
] as const) {
  test(`matches EMA(close) ± k·EMA(true range) recomputed naively on ${file} (${period}, ${k}) within 1e-9`, (t) => {
    const [high, low, close] = columns(loadBars(file), ['high', 'low', 'close']);
    const tr = close.map((_, i) =>
      i === 0 ? Number.NaN : Math.max(high[i] - low[i], Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])),
    );
    const middle = slowEma(close, period, 0);
    const band = slowEma(tr, period, 1);
    const actual = keltner(high, low, close, period, k);
    const expected = {
      middle,
      upper: middle.map((m, i) => m + k * band[i]),
      lower: middle.map((m, i) => m - k * band[i]),
    };
    for (const line of ['lower', 'middle', 'upper'] as const) {
      const bad = expected[line].findIndex((value, i) => !isClose(actual[line][i], value, 1e-9));
      t.is(bad, -1, bad < 0 ? line : `${line} at ${bad}: ${actual[line][bad]} vs ${expected[line][bad]}`);
    }
  });
}

test('builds the channel by hand (period 2, k 1)', (t) => {
  // close EMA: seed (10+12)/2 = 11 at i=1, then 11 + (2/3)(14−11) = 13.
  // TR: i=1 max(2, 1, 1) = 2, i=2 max(2, 3, 1) = 3 → EMA(TR) seed 2.5 at i=2.
  const { lower, middle, upper } = keltner([11, 11, 15], [9, 9, 13], [10, 12, 14], 2, 1);
  t.deepEqual([...middle], [NaN, 11, 13]);
  t.deepEqual([...upper], [NaN, NaN, 15.5]);
  t.deepEqual([...lower], [NaN, NaN, 10.5]);
});

test('rejects a non-finite k, naming "k"', (t) => {
  const error = t.throws(() => keltner([1, 2], [1, 2], [1, 2], 1, Infinity), { instanceOf: InvalidArgumentError });
  t.is(error?.argument, 'k');
});
