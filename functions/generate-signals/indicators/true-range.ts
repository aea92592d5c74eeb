import { checkSeries } from './validate.js';

/**
 * True range: max(high−low, |high−prevClose|, |low−prevClose|); NaN at index 0 (no previous close).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:average_true_range_atr
 */
export function trueRange(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>): Float64Array {
  checkSeries({ high, low, close });
  const n = close.length;
  const out = new Float64Array(n);
  if (n > 0) out[0] = NaN;
  for (let i = 1; i < n; i++) out[i] = trueRangeAt(high[i], low[i], close[i - 1]);
  return out;
}

/** Internal: the true range of one bar given the previous close. */
export function trueRangeAt(high: number, low: number, previousClose: number): number {
  return Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
}
