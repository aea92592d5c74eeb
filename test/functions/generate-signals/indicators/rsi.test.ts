import test from 'ava';
import { rsi } from '../../../../functions/generate-signals/indicators/rsi.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import {
  assertMatchesColumn,
  assertSpotCheck,
  jesseSpotChecks,
  referenceColumn,
  registerIndicatorContract,
} from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'rsi',
  inputs: ['close'],
  run: ([close], params) => rsi(close, params?.period),
  warmUp: 14,
  periods: ['period'],
});

test('matches skender rsi-14.csv RSI(14) within 1e-9 after warm-up', (t) => {
  const rows = loadReferenceTable('skender/rsi-14.csv');
  assertMatchesColumn(t, rsi(referenceColumn(rows, 'close')), rows, 'RSI(14)');
});

test('matches jesse spot-checks.csv RSI(14) on eth-usd-4h-c.csv to 2 decimals', (t) => {
  const [check] = jesseSpotChecks('RSI');
  assertSpotCheck(t, rsi(referenceColumn(check.candles, 'close'), 14), check);
});

test('gives 100 without losses, 0 without gains and 50 on a flat series', (t) => {
  t.deepEqual([...rsi([1, 2, 3, 4], 2)], [NaN, NaN, 100, 100]);
  t.deepEqual([...rsi([4, 3, 2, 1], 2)], [NaN, NaN, 0, 0]);
  t.deepEqual([...rsi([5, 5, 5, 5], 2)], [NaN, NaN, 50, 50]);
});

test('seeds with the mean gain/loss and then smooths with Wilder by hand', (t) => {
  // gains 2,0 / losses 0,1 → avg 1 / 0.5 → 66.67; next gain 3: avg (1+3)/2=2, loss 0.25 → 88.89.
  const values = rsi([10, 12, 11, 14], 2);
  t.true(Math.abs(values[2] - 200 / 3) < 1e-12);
  t.true(Math.abs(values[3] - (100 * 2) / 2.25) < 1e-12);
});
