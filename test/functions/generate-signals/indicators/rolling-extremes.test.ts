import test from 'ava';
import { rollingMax, rollingMin } from '../../../../functions/generate-signals/indicators/rolling-extremes.js';
import { loadBars } from '../../../helpers/data.js';
import { columns, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

for (const [name, fn] of [
  ['rollingMax', rollingMax],
  ['rollingMin', rollingMin],
] as const) {
  registerIndicatorContract({
    name,
    inputs: ['close'],
    argumentNames: ['values'],
    run: ([values], params) => fn(values, params?.period ?? 22),
    warmUp: 21,
    periods: ['period'],
  });
}

for (const period of [1, 2, 7, 16, 22, 100]) {
  test(`equals Math.max/Math.min over each window of btc-usd-1h.csv highs and lows (period ${period})`, (t) => {
    const [high, low] = columns(loadBars('btc-usd-1h.csv'), ['high', 'low']);
    const maxima = rollingMax(high, period);
    const minima = rollingMin(low, period);
    let mismatches = 0;
    for (let i = period - 1; i < high.length; i++) {
      if (maxima[i] !== Math.max(...high.slice(i - period + 1, i + 1))) mismatches++;
      if (minima[i] !== Math.min(...low.slice(i - period + 1, i + 1))) mismatches++;
    }
    t.is(mismatches, 0);
    t.true(maxima.subarray(0, period - 1).every(Number.isNaN));
  });
}

test('handles ties, runs and a period longer than the series by hand', (t) => {
  t.deepEqual([...rollingMax([3, 3, 1, 3, 2, 2, 2, 0], 3)], [NaN, NaN, 3, 3, 3, 3, 2, 2]);
  t.deepEqual([...rollingMin([3, 3, 1, 3, 2, 2, 2, 0], 3)], [NaN, NaN, 1, 1, 1, 2, 2, 0]);
  t.deepEqual([...rollingMax([5, 1, 2], 1)], [5, 1, 2]);
  t.deepEqual([...rollingMin([5, 1], 3)], [NaN, NaN]);
});
