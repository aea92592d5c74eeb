import test from 'ava';
import { ema, emaOfSeries } from '../../../../functions/generate-signals/indicators/ema.js';
import { rsi } from '../../../../functions/generate-signals/indicators/rsi.js';
import { InvalidArgumentError } from '../../../../shared/errors/errors.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import { assertMatchesColumn, referenceColumn, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'ema',
  inputs: ['close'],
  argumentNames: ['values'],
  run: ([close], params) => ema(close, params?.period ?? 20),
  warmUp: 19,
  periods: ['period'],
});

const rows = loadReferenceTable('skender/ema-20.csv');

test('matches skender ema-20.csv ema of close within 1e-9 after warm-up', (t) => {
  assertMatchesColumn(t, ema(referenceColumn(rows, 'close'), 20), rows, 'ema');
});

test('matches skender ema-20.csv ema(O) of open within 1e-9 after warm-up', (t) => {
  assertMatchesColumn(t, ema(referenceColumn(rows, 'open'), 20), rows, 'ema(O)');
});

test('emaOfSeries seeds after leading NaNs: matches skender rsi-14.csv EMA(20) of RSI within 1e-9', (t) => {
  const rsiRows = loadReferenceTable('skender/rsi-14.csv');
  assertMatchesColumn(t, emaOfSeries(rsi(referenceColumn(rsiRows, 'close'), 14), 20), rsiRows, 'EMA(20)');
});

test('seeds with the SMA of the first period values, then applies alpha 2/(n+1) by hand', (t) => {
  t.deepEqual([...ema([2, 4, 6, 10], 3)], [NaN, NaN, 4, 4 + 0.5 * (10 - 4)]);
  t.deepEqual([...emaOfSeries([NaN, NaN, 2, 4, 6, 10], 3)], [NaN, NaN, NaN, NaN, 4, 7]);
  t.deepEqual([...emaOfSeries([NaN, NaN], 1)], [NaN, NaN]);
});

test('the public ema rejects the warm-up NaNs that emaOfSeries accepts', (t) => {
  const error = t.throws(() => ema([NaN, 1, 2], 2), { instanceOf: InvalidArgumentError });
  t.is(error?.message, 'argument "values" has a non-finite value at index 0: NaN');
});
