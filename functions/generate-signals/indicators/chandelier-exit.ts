import { edgePoison, trueRangeAt } from './true-range.js';
import { checkLengths, checkMultiplier, checkPeriod, rejectNonFinite } from './validate.js';

/** Trailing stop levels for a long and for a short position. */
export interface ChandelierExit {
  readonly long: Float64Array;
  readonly short: Float64Array;
}

/**
 * Chandelier Exit: long = highest high(period) − k·ATR(period), short = lowest low(period) + k·ATR(period),
 * from index `period` (the first Wilder ATR, seeded like `atr`). One fused pass: the block maxima of
 * `rollingExtreme` for both sides, with the ATR carried along the forward scan.
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:chandelier_exit
 */
export function chandelierExit(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 22,
  k = 3,
): ChandelierExit {
  checkPeriod('period', period);
  checkMultiplier('k', k);
  checkLengths({ high, low, close });
  const n = close.length;
  const exits: ChandelierExit = { long: new Float64Array(n), short: new Float64Array(n) };
  const { long, short } = exits;
  // Suffix extremes of the previous block (the low side as max of −low); index `period` is the empty suffix.
  const highSuffix = new Float64Array(period + 1).fill(-Infinity);
  const lowSuffix = new Float64Array(period + 1).fill(-Infinity);
  const keep = (period - 1) / period;
  const take = 1 / period;
  let range = 0;
  let poison = edgePoison(high, low, close);
  for (let start = 0; start < n; start += period) {
    const end = start + period < n ? start + period : n;
    let highPrefix = -Infinity;
    let lowPrefix = -Infinity;
    for (let i = start, j = 1; i < end; i++, j++) {
      const h = high[i];
      const l = -low[i];
      if (h > highPrefix) highPrefix = h;
      if (l > lowPrefix) lowPrefix = l;
      if (i === 0) continue;
      const previousClose = close[i - 1];
      poison += (h + l + previousClose) * 0;
      const tr = trueRangeAt(h, -l, previousClose);
      if (i < period) {
        range += tr;
        continue;
      }
      range = i === period ? (range + tr) / period : range * keep + tr * take;
      const width = k * range;
      const highBefore = highSuffix[j];
      const lowBefore = lowSuffix[j];
      long[i] = (highBefore > highPrefix ? highBefore : highPrefix) - width;
      short[i] = -(lowBefore > lowPrefix ? lowBefore : lowPrefix) + width;
    }
    let highRunning = -Infinity;
    let lowRunning = -Infinity;
    for (let i = end - 1, j = end - 1 - start; j >= 0; i--, j--) {
      const h = high[i];
      const l = -low[i];
      if (h > highRunning) highRunning = h;
      if (l > lowRunning) lowRunning = l;
      highSuffix[j] = highRunning;
      lowSuffix[j] = lowRunning;
    }
  }
  long.fill(NaN, 0, Math.min(period, n));
  short.fill(NaN, 0, Math.min(period, n));
  if (poison !== 0) rejectNonFinite({ high, low, close });
  return exits;
}
