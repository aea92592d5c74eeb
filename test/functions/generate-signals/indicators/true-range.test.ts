import test from 'ava';
import { trueRange } from '../../../../functions/generate-signals/indicators/true-range.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import { assertMatchesColumn, referenceColumn, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'trueRange',
  inputs: ['high', 'low', 'close'],
  run: ([high, low, close]) => trueRange(high, low, close),
  warmUp: 1,
  periods: [],
});

test('matches skender true-range.csv TR within 1e-9 after warm-up', (t) => {
  const rows = loadReferenceTable('skender/true-range.csv');
  const [high, low, close] = ['high', 'low', 'close'].map((column) => referenceColumn(rows, column));
  assertMatchesColumn(t, trueRange(high, low, close), rows, 'TR');
});

test('takes the largest of the range and both gaps to the previous close by hand', (t) => {
  // ranges: 2; gap up (prev close 5, high 9, low 8) → 4; gap down (prev 8.5, high 3, low 2) → 6.5.
  t.deepEqual([...trueRange([6, 9, 3], [4, 8, 2], [5, 8.5, 2.5])], [NaN, 4, 6.5]);
});
