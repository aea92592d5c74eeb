import test from 'ava';
import { macd } from '../../../../functions/generate-signals/indicators/macd.js';
import { loadReferenceTable } from '../../../helpers/data.js';
import {
  assertMatchesColumn,
  assertSpotCheck,
  jesseSpotChecks,
  referenceColumn,
  registerIndicatorContract,
} from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'macd',
  inputs: ['close'],
  run: ([close], params) => ({ ...macd(close, params?.fast, params?.slow, params?.signal) }),
  warmUp: { macd: 25, signal: 33, histogram: 33 },
  periods: ['fast', 'slow', 'signal'],
});

test('matches skender macd-12-26-9.csv MACD, Signal and Histo within 1e-9 after warm-up', (t) => {
  const rows = loadReferenceTable('skender/macd-12-26-9.csv');
  const result = macd(referenceColumn(rows, 'close'));
  assertMatchesColumn(t, result.macd, rows, 'MACD');
  assertMatchesColumn(t, result.signal, rows, 'Signal');
  assertMatchesColumn(t, result.histogram, rows, 'Histo');
});

test('matches jesse spot-checks.csv MACD(12, 26, 9) on eth-usd-1d.csv to 2 decimals', (t) => {
  const checks = jesseSpotChecks('MACD');
  t.is(checks.length, 3);
  const output = { macd: 'macd', signal: 'signal', hist: 'histogram' } as const;
  for (const check of checks) {
    const result = macd(referenceColumn(check.candles, 'close'), 12, 26, 9);
    assertSpotCheck(t, result[output[check.output as keyof typeof output]], check);
  }
});

test('seeds each EMA with its own SMA by hand (fast 1, slow 2, signal 2)', (t) => {
  // EMA1 = close; EMA2: seed 3 at i=1, then 3 + (2/3)(8−3) = 6.33…; MACD 1, 1.67; signal seed 1.33.
  const result = macd([2, 4, 8], 1, 2, 2);
  t.deepEqual([...result.macd].slice(0, 2), [NaN, 1]);
  t.true(Math.abs(result.macd[2] - (8 - (3 + (2 / 3) * 5))) < 1e-12);
  t.deepEqual([...result.signal].slice(0, 2), [NaN, NaN]);
  t.true(Math.abs(result.signal[2] - (1 + result.macd[2]) / 2) < 1e-12);
  t.true(Math.abs(result.histogram[2] - (result.macd[2] - result.signal[2])) < 1e-12);
});
