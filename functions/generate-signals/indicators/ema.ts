import { checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Exponential moving average, alpha = 2/(period+1), seeded with the SMA of the first `period`
 * values (first value at index `period - 1`, as TA-Lib and the skender tables do).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:moving_averages
 */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  return emaFrom(values, period, 0, true);
}

/**
 * Internal (not re-exported, unvalidated): EMA of a series that starts with warm-up NaNs, such as a
 * true range or a MACD line; it seeds from the first `period` finite values and stays NaN before.
 */
export function emaOfSeries(values: ArrayLike<number>, period: number): Float64Array {
  let start = 0;
  while (start < values.length && Number.isNaN(values[start])) start++;
  return emaFrom(values, period, start, false);
}

/** The EMA of `values[start..]` (NaN before its seed); with `validate`, a non-finite value throws naming "values". */
function emaFrom(values: ArrayLike<number>, period: number, start: number, validate: boolean): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const seedAt = start + period - 1;
  out.fill(NaN, 0, Math.min(seedAt, n));
  const alpha = 2 / (period + 1);
  const seedEnd = Math.min(seedAt + 1, n);
  let value = 0;
  let poison = 0;
  for (let i = start; i < seedEnd; i++) {
    const x = values[i];
    poison += x * 0;
    value += x;
  }
  if (seedAt < n) out[seedAt] = value /= period;
  for (let i = seedAt + 1; i < n; i++) {
    const x = values[i];
    poison += x * 0;
    value += alpha * (x - value);
    out[i] = value;
  }
  if (validate && poison !== 0) rejectNonFinite({ values });
  return out;
}
