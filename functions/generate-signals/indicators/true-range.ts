import { checkLengths, rejectNonFinite } from './validate.js';

/**
 * True range: max(high−low, |high−prevClose|, |low−prevClose|); NaN at index 0 (no previous close).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:average_true_range_atr
 */
export function trueRange(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>): Float64Array {
  checkLengths({ high, low, close });
  const n = close.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  out[0] = NaN;
  let poison = edgePoison(high, low, close);
  for (let i = 1; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const previousClose = close[i - 1];
    poison += (h + l + previousClose) * 0;
    out[i] = trueRangeAt(h, l, previousClose);
  }
  if (poison !== 0) rejectNonFinite({ high, low, close });
  return out;
}

/** Internal: the true range of one bar given the previous close. */
export function trueRangeAt(high: number, low: number, previousClose: number): number {
  return Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
}

/** Internal: the poison (Σ x·0) of the values a loop over bars 1.. with `close[i − 1]` does not read. */
export function edgePoison(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>): number {
  const n = close.length;
  return n === 0 ? 0 : (high[0] + low[0] + close[n - 1]) * 0;
}
