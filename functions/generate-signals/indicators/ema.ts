import { checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Exponential moving average, alpha = 2/(period+1), seeded with the SMA of the first `period`
 * values (first value at index `period - 1`, as TA-Lib and the skender tables do).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:moving_averages
 */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  const out = new Float64Array(values.length);
  if (emaFrom(values, period, 0, out) !== 0) rejectNonFinite({ values });
  return out;
}

/**
 * Internal (not re-exported, unvalidated): EMA of a series that starts with warm-up NaNs, such as a
 * true range or a MACD line; it seeds from the first `period` finite values and stays NaN before.
 */
export function emaOfSeries(values: ArrayLike<number>, period: number): Float64Array {
  let start = 0;
  while (start < values.length && Number.isNaN(values[start])) start++;
  const out = new Float64Array(values.length);
  emaFrom(values, period, start, out);
  return out;
}

/** The EMA of `values[start..]` into `out` (NaN before its seed); returns Σ x·0, which is 0 unless an x is not finite. */
function emaFrom(values: ArrayLike<number>, period: number, start: number, out: Float64Array): number {
  const n = values.length;
  const seedAt = start + period - 1;
  out.fill(NaN, 0, Math.min(seedAt, n));
  const alpha = 2 / (period + 1);
  let value = 0;
  let sum = 0;
  let poison = 0;
  for (let i = start; i < n; i++) {
    const x = values[i];
    poison += x * 0;
    if (i < seedAt) {
      sum += x;
    } else {
      value = i === seedAt ? (sum + x) / period : value + alpha * (x - value);
      out[i] = value;
    }
  }
  return poison;
}
