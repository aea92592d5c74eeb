import { checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Simple moving average: mean of the last `period` values, NaN before index `period - 1`.
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:moving_averages
 */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  const n = values.length;
  const out = new Float64Array(n);
  let sum = 0;
  let poison = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    poison += x * 0;
    if (i < period) {
      sum += x;
      out[i] = i === period - 1 ? sum / period : NaN;
    } else {
      sum += x - values[i - period];
      out[i] = sum / period;
    }
  }
  if (poison !== 0) rejectNonFinite({ values });
  return out;
}
