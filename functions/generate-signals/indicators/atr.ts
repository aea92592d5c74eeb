import { trueRangeAt } from './true-range.js';
import { checkPeriod, checkSeries } from './validate.js';

/**
 * Wilder's average true range: first value at index `period` = mean(TR[1..period]), then
 * `(prev·(n−1) + TR)/n` — the TA-Lib and skender convention (StockCharts seeds one bar earlier).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:average_true_range_atr
 */
export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkPeriod('period', period);
  checkSeries({ high, low, close });
  return atrUnchecked(high, low, close, period);
}

/** Internal (unvalidated): `atr` for callers that already checked their arguments. */
export function atrUnchecked(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return out;
  let value = 0;
  for (let i = 1; i <= period; i++) value += trueRangeAt(high[i], low[i], close[i - 1]);
  value /= period;
  out[period] = value;
  const keep = (period - 1) / period;
  const take = 1 / period;
  for (let i = period + 1; i < n; i++) {
    value = value * keep + trueRangeAt(high[i], low[i], close[i - 1]) * take;
    out[i] = value;
  }
  return out;
}
