import { checkPeriod, checkSeries } from './validate.js';

/**
 * Exponential moving average, alpha = 2/(period+1), seeded with the SMA of the first `period`
 * values (first value at index `period - 1`, as TA-Lib and the skender tables do).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:moving_averages
 */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  checkSeries({ values });
  return emaOfSeries(values, period);
}

/**
 * Internal (not re-exported, unvalidated): EMA of a series that starts with warm-up NaNs, such as a
 * true range or a MACD line; it seeds from the first `period` finite values and stays NaN before.
 */
export function emaOfSeries(values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let start = 0;
  while (start < n && Number.isNaN(values[start])) start++;
  const seedAt = start + period - 1;
  out.fill(NaN, 0, Math.min(seedAt, n));
  if (seedAt >= n) return out;
  let value = 0;
  for (let i = start; i <= seedAt; i++) value += values[i];
  value /= period;
  out[seedAt] = value;
  const alpha = 2 / (period + 1);
  for (let i = seedAt + 1; i < n; i++) {
    value += alpha * (values[i] - value);
    out[i] = value;
  }
  return out;
}
