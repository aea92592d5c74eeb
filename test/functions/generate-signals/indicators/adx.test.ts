import { createRequire } from 'node:module';
import test from 'ava';
import { adx } from '../../../../functions/generate-signals/indicators/adx.js';
import { loadBars } from '../../../helpers/data.js';
import { columns, registerIndicatorContract } from '../../../helpers/indicator-contract.js';

registerIndicatorContract({
  name: 'adx',
  inputs: ['high', 'low', 'close'],
  run: ([high, low, close], params) => ({ ...adx(high, low, close, params?.period) }),
  warmUp: { adx: 27, plusDI: 14, minusDI: 14 },
  periods: ['period'],
});

interface Talib {
  execute(request: Record<string, unknown>): { begIndex: number; result: { outReal: number[] } };
}

function loadTalib(): Talib | string {
  try {
    return createRequire(import.meta.url)('talib') as Talib;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const talib = loadTalib();
if (typeof talib === 'string') {
  console.log(`talib did not load, so the TA-Lib comparison of adx is not registered: ${talib}`);
} else {
  for (const [file, period] of [
    ['btc-usd-1d.csv', 14],
    ['eth-usd-4h.csv', 14],
    ['spy-1d.csv', 9],
  ] as const) {
    test(`matches TA-Lib ADX, PLUS_DI and MINUS_DI (period ${period}) on ${file} within 1e-9 relative`, (t) => {
      const [high, low, close] = columns(loadBars(file), ['high', 'low', 'close']);
      const ours = adx(high, low, close, period);
      const lines = { ADX: ours.adx, PLUS_DI: ours.plusDI, MINUS_DI: ours.minusDI };
      for (const [name, line] of Object.entries(lines)) {
        const { begIndex, result } = talib.execute({
          name,
          startIdx: 0,
          endIdx: close.length - 1,
          high,
          low,
          close,
          optInTimePeriod: period,
        });
        t.is(
          begIndex,
          line.findIndex((value) => !Number.isNaN(value)),
          `${name} starts where TA-Lib's does`,
        );
        t.is(begIndex + result.outReal.length, close.length);
        let worst = 0;
        result.outReal.forEach((expected, j) => {
          worst = Math.max(worst, Math.abs(line[begIndex + j] - expected) / Math.max(Math.abs(expected), 1e-300));
        });
        t.true(worst <= 1e-9, `${name}: worst relative error ${worst}`);
        t.log(`${name}: ${result.outReal.length} values, worst relative error ${worst.toExponential(2)}`);
      }
    });
  }
}

function near(actual: ArrayLike<number>, expected: readonly number[]): boolean {
  return expected.every((value, i) => (Number.isNaN(value) ? Number.isNaN(actual[i]) : Math.abs(actual[i] - value) < 1e-12));
}

test('computes DI and ADX by hand on a steady uptrend (period 2)', (t) => {
  // Every bar: high +1, low +1 → +DM 1, −DM 0, TR 2 → +DI 50, −DI 0, DX 100, ADX 100.
  const result = adx([11, 12, 13, 14, 15], [9, 10, 11, 12, 13], [10, 11, 12, 13, 14], 2);
  t.true(near(result.plusDI, [NaN, NaN, 50, 50, 50]), String(result.plusDI));
  t.deepEqual([...result.minusDI], [NaN, NaN, 0, 0, 0]);
  t.true(near(result.adx, [NaN, NaN, NaN, 100, 100]), String(result.adx));
});

test('gives DI 0 and ADX 0 on flat bars (zero TR), as TA-Lib does', (t) => {
  const flat = [10, 10, 10, 10, 10, 10];
  const result = adx(flat, flat, flat, 2);
  t.deepEqual([...result.plusDI], [NaN, NaN, 0, 0, 0, 0]);
  t.deepEqual([...result.minusDI], [NaN, NaN, 0, 0, 0, 0]);
  t.deepEqual([...result.adx], [NaN, NaN, NaN, 0, 0, 0]);
});
