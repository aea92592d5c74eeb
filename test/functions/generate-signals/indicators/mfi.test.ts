import test from 'ava';
import { mfi } from '../../../../functions/generate-signals/indicators/mfi.js';
import { loadBars } from '../../../helpers/data.js';
import { columns, isClose, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'mfi',
  inputs: ['high', 'low', 'close', 'volume'],
  run: ([high, low, close, volume], params) => mfi(high, low, close, volume, params?.period),
  warmUp: 14,
  periods: ['period'],
});

/** Window-by-window recomputation straight from the definition, O(n·period). */
function slowMfi(high: number[], low: number[], close: number[], volume: number[], period: number): number[] {
  const typical = close.map((c, i) => (high[i] + low[i] + c) / 3);
  return close.map((_, i) => {
    if (i < period) return Number.NaN;
    let positive = 0;
    let negative = 0;
    for (let j = i - period + 1; j <= i; j++) {
      if (typical[j] > typical[j - 1]) positive += typical[j] * volume[j];
      if (typical[j] < typical[j - 1]) negative += typical[j] * volume[j];
    }
    if (negative === 0) return positive === 0 ? Number.NaN : 100;
    return 100 - 100 / (1 + positive / negative);
  });
}

for (const [file, period] of [
  ['btc-usd-1d.csv', 14],
  ['spy-1d.csv', 14],
  ['eth-usd-4h.csv', 5],
] as const) {
  test(`matches a window-by-window recomputation on ${file} (period ${period}) within 1e-9`, (t) => {
    const [high, low, close, volume] = columns(loadBars(file), ['high', 'low', 'close', 'volume']);
    const expected = slowMfi(high, low, close, volume, period);
    const actual = mfi(high, low, close, volume, period);
    const bad = expected.findIndex((value, i) => !isClose(actual[i], value, 1e-9));
    t.is(bad, -1, bad < 0 ? '' : `at ${bad}: ${actual[bad]} vs ${expected[bad]}`);
  });
}

test('counts equal typical prices in neither flow, by hand', (t) => {
  // tp: 10, 11 (+11·2 = 22), 11 (tie: no flow), 10 (−10·1 = 10) → 100·22/32 = 68.75.
  const tp = [10, 11, 11, 10];
  const result = mfi(tp, tp, tp, [5, 2, 7, 1], 3);
  t.deepEqual([...result], [NaN, NaN, NaN, 68.75]);
});

test('gives 100 without negative flow and NaN when the window has no flow at all', (t) => {
  const rising = [1, 2, 3, 4, 5];
  t.deepEqual([...mfi(rising, rising, rising, [1, 1, 1, 1, 1], 2)], [NaN, NaN, 100, 100, 100]);
  const flat = [7, 7, 7, 7];
  t.deepEqual([...mfi(flat, flat, flat, [3, 3, 3, 3], 2)], [NaN, NaN, NaN, NaN]);
});

test('returns exactly 100 once negative flows leave the window (no rounding residue)', (t) => {
  // Falls then rises for long: the running negative sum must be exactly zero again, not ±1e-12.
  const price = [5, 4.3, 3.7, 3.1, ...Array.from({ length: 30 }, (_, i) => 3.3 + i * 0.1)];
  const volume = price.map((_, i) => 1000 + ((i * 37) % 11) * 13.7);
  const result = mfi(price, price, price, volume, 4);
  t.deepEqual(
    [...result.subarray(-20)],
    Array.from({ length: 20 }, () => 100),
  );
});
