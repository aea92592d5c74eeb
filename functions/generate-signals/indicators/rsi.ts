import { checkPeriod, checkSeries } from './validate.js';

/**
 * Wilder's RSI: gains/losses from bar 1, averages seeded at index `period` with their plain mean,
 * then `(prev·(n−1) + x)/n`; RSI = 100·avgGain/(avgGain+avgLoss), and 50 when both are zero (flat).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:relative_strength_index_rsi
 */
export function rsi(close: ArrayLike<number>, period = 14): Float64Array {
  checkPeriod('period', period);
  checkSeries({ close });
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = close[i] - close[i - 1];
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  out[period] = strength(gain, loss);
  const keep = (period - 1) / period;
  const take = 1 / period;
  for (let i = period + 1; i < n; i++) {
    const change = close[i] - close[i - 1];
    gain = gain * keep + (change > 0 ? change * take : 0);
    loss = loss * keep + (change < 0 ? -change * take : 0);
    out[i] = strength(gain, loss);
  }
  return out;
}

function strength(gain: number, loss: number): number {
  const total = gain + loss;
  return total > 0 ? (100 * gain) / total : 50;
}
