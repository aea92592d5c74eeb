import test from 'ava';
import { atr } from '../../../../functions/generate-signals/indicators/atr.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import {
  assertMatchesColumn,
  assertSpotCheck,
  jesseSpotChecks,
  referenceColumn,
  registerIndicatorContract,
} from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'atr',
  inputs: ['high', 'low', 'close'],
  run: ([high, low, close], params) => atr(high, low, close, params?.period),
  warmUp: 14,
  periods: ['period'],
});

function hlc(rows: readonly Record<string, string>[]): number[][] {
  return ['high', 'low', 'close'].map((column) => referenceColumn(rows, column));
}

test('matches skender atr-14.csv ATR within 1e-9 after warm-up', (t) => {
  const rows = loadReferenceTable('skender/atr-14.csv');
  const [high, low, close] = hlc(rows);
  assertMatchesColumn(t, atr(high, low, close), rows, 'ATR');
});

test('matches jesse spot-checks.csv ATR(14) on eth-usd-4h-a.csv to 1 decimal', (t) => {
  const [check] = jesseSpotChecks('ATR');
  const [high, low, close] = hlc(check.candles);
  assertSpotCheck(t, atr(high, low, close, 14), check);
});

test('seeds with the mean of TR[1..period], then smooths with Wilder by hand', (t) => {
  // TR[1] = 2, TR[2] = 4, TR[3] = 1 → seed (2+4)/2 = 3 at i=2, then (3·1 + 1)/2 = 2.
  const values = atr([10, 11, 14, 13], [9, 9, 10, 12], [10, 10, 13, 12.5], 2);
  t.deepEqual([...values], [NaN, NaN, 3, 2]);
});
