import { edgePoison, trueRangeAt } from './true-range.js';
import { checkLengths, checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Wilder's average true range: first value at index `period` = mean(TR[1..period]), then
 * `(prev·(n−1) + TR)/n` — the TA-Lib and skender convention (StockCharts seeds one bar earlier).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:average_true_range_atr
 */
export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkPeriod('period', period);
  checkLengths({ high, low, close });
  const out = new Float64Array(close.length);
  if (atrInto(high, low, close, period, out) !== 0) rejectNonFinite({ high, low, close });
  return out;
}

/** Internal (unvalidated): Wilder ATR into `out`; returns Σ x·0 over every input (0 unless one is not finite). */
export function atrInto(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
  out: Float64Array,
): number {
  const n = close.length;
  out.fill(NaN, 0, Math.min(period, n));
  const keep = (period - 1) / period;
  const take = 1 / period;
  let value = 0;
  let poison = edgePoison(high, low, close);
  for (let i = 1; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const previousClose = close[i - 1];
    poison += (h + l + previousClose) * 0;
    const tr = trueRangeAt(h, l, previousClose);
    if (i < period) {
      value += tr;
      continue;
    }
    value = i === period ? (value + tr) / period : value * keep + tr * take;
    out[i] = value;
  }
  return poison;
}
