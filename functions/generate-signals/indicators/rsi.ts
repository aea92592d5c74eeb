import { checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Wilder's RSI: gains/losses from bar 1, averages seeded at index `period` with their plain mean,
 * then `(prev·(n−1) + x)/n`; RSI = 100·avgGain/(avgGain+avgLoss), and 50 when both are zero (flat).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:relative_strength_index_rsi
 */
export function rsi(close: ArrayLike<number>, period = 14): Float64Array {
  checkPeriod('period', period);
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  const keep = (period - 1) / period;
  const take = 1 / period;
  let gain = 0;
  let loss = 0;
  let poison = n > 0 ? close[0] * 0 : 0;
  for (let i = 1; i < n; i++) {
    const x = close[i];
    poison += x * 0;
    const change = x - close[i - 1];
    // Branch-free and exact: (|c| + c)/2 is c or 0, (|c| − c)/2 is −c or 0.
    const size = Math.abs(change);
    const up = (size + change) * 0.5;
    const down = (size - change) * 0.5;
    if (i < period) {
      gain += up;
      loss += down;
      continue;
    }
    if (i === period) {
      gain = (gain + up) / period;
      loss = (loss + down) / period;
    } else {
      gain = gain * keep + up * take;
      loss = loss * keep + down * take;
    }
    const total = gain + loss;
    out[i] = total > 0 ? (100 * gain) / total : 50;
  }
  if (poison !== 0) rejectNonFinite({ close });
  return out;
}
