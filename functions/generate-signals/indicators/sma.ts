import { checkPeriod, checkSeries } from './validate.js';

/**
 * Simple moving average: mean of the last `period` values, NaN before index `period - 1`.
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:moving_averages
 */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  checkSeries({ values });
  const n = values.length;
  const out = new Float64Array(n);
  const warm = Math.min(period - 1, n);
  let sum = 0;
  for (let i = 0; i < warm; i++) {
    sum += values[i];
    out[i] = NaN;
  }
  if (warm < n) {
    sum += values[warm];
    out[warm] = sum / period;
  }
  for (let i = period; i < n; i++) {
    sum += values[i] - values[i - period];
    out[i] = sum / period;
  }
  return out;
}
