import test from 'ava';
import { sma } from '../../../../functions/generate-signals/indicators/sma.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import { assertMatchesColumn, referenceColumn, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'sma',
  inputs: ['close'],
  argumentNames: ['values'],
  run: ([close], params) => sma(close, params?.period ?? 20),
  warmUp: 19,
  periods: ['period'],
});

const rows = loadReferenceTable('skender/sma-20.csv');

test('matches skender sma-20.csv SMA of close within 1e-9 after warm-up', (t) => {
  assertMatchesColumn(t, sma(referenceColumn(rows, 'close'), 20), rows, 'SMA');
});

test('matches skender sma-20.csv SMA(O) of open within 1e-9 after warm-up', (t) => {
  assertMatchesColumn(t, sma(referenceColumn(rows, 'open'), 20), rows, 'SMA(O)');
});

test('averages the last period values by hand', (t) => {
  t.deepEqual([...sma([1, 2, 3, 4, 10], 3)], [NaN, NaN, 2, 3, 17 / 3]);
  t.deepEqual([...sma([5, 7], 1)], [5, 7]);
  t.deepEqual([...sma([5, 7], 3)], [NaN, NaN]);
});
