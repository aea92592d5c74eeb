import test from 'ava';
import { bollinger } from '../../../../functions/generate-signals/indicators/bollinger.js';
import { InvalidArgumentError } from '../../../../shared/errors/errors.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import {
  assertMatchesColumn,
  assertSpotCheck,
  jesseSpotChecks,
  referenceColumn,
  registerIndicatorContract,
} from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'bollinger',
  inputs: ['close'],
  run: ([close], params) => ({ ...bollinger(close, params?.period) }),
  warmUp: 19,
  periods: ['period'],
});

test('matches skender bbands-20-2.csv sma, upper and lower within 1e-9 after warm-up', (t) => {
  const rows = loadReferenceTable('skender/bbands-20-2.csv');
  const bands = bollinger(referenceColumn(rows, 'close'), 20, 2);
  assertMatchesColumn(t, bands.middle, rows, 'sma');
  assertMatchesColumn(t, bands.upper, rows, 'upper');
  assertMatchesColumn(t, bands.lower, rows, 'lower');
});

test('matches stockcharts-ta cs-bbands.csv (population σ) within 5e-7', (t) => {
  const rows = loadReferenceTable('stockcharts-ta/cs-bbands.csv');
  const bands = bollinger(referenceColumn(rows, 'Close'), 20, 2);
  assertMatchesColumn(t, bands.middle, rows, 'MiddleBand', 5e-7);
  assertMatchesColumn(t, bands.upper, rows, 'HighBand', 5e-7);
  assertMatchesColumn(t, bands.lower, rows, 'LowBand', 5e-7);
});

test('matches jesse spot-checks.csv BBANDS(20, 2) on eth-usd-4h-b.csv to 1 decimal', (t) => {
  const checks = jesseSpotChecks('BBANDS');
  t.is(checks.length, 3);
  const output = { upperband: 'upper', middleband: 'middle', lowerband: 'lower' } as const;
  for (const check of checks) {
    const bands = bollinger(referenceColumn(check.candles, 'close'), 20, 2);
    assertSpotCheck(t, bands[output[check.output as keyof typeof output]], check);
  }
});

test('uses the population σ and k by hand, and zero width on a flat window', (t) => {
  // window [1, 2, 3]: mean 2, population σ = sqrt(2/3).
  const { lower, middle, upper } = bollinger([1, 2, 3, 3, 3, 3], 3, 1.5);
  t.is(middle[2], 2);
  t.true(Math.abs(upper[2] - (2 + 1.5 * Math.sqrt(2 / 3))) < 1e-12);
  t.true(Math.abs(lower[2] - (2 - 1.5 * Math.sqrt(2 / 3))) < 1e-12);
  t.deepEqual([lower[5], middle[5], upper[5]], [3, 3, 3]);
});

test('stays accurate on a long series at a large price level (no Σx² cancellation)', (t) => {
  const close = Array.from({ length: 200_000 }, (_, i) => 60_000 + ((i * 7919) % 13) * 0.01);
  const { upper, middle } = bollinger(close, 20, 1);
  const window = close.slice(-20);
  const mean = window.reduce((a, b) => a + b) / 20;
  const sigma = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / 20);
  const last = close.length - 1;
  t.true(Math.abs(upper[last] - middle[last] - sigma) < 1e-6 * sigma, `σ ${upper[last] - middle[last]} vs ${sigma}`);
});

test('rejects a non-finite k, naming "k"', (t) => {
  const error = t.throws(() => bollinger([1, 2, 3], 2, Number.NaN), { instanceOf: InvalidArgumentError });
  t.is(error?.argument, 'k');
});
