import { edgePoison, trueRangeAt } from './true-range.js';
import { checkLengths, checkMultiplier, checkPeriod, rejectNonFinite } from './validate.js';

/** Trailing stop levels for a long and for a short position. */
export interface ChandelierExit {
  readonly long: Float64Array;
  readonly short: Float64Array;
}

/**
 * Chandelier Exit: long = highest high(period) − k·ATR(period), short = lowest low(period) + k·ATR(period),
 * from index `period` (the first Wilder ATR, seeded like `atr`). One pass over blocks of `period` bars: the highest
 * high and lowest low of each window are the suffix of the previous block joined with the prefix of the current one
 * (as `rollingExtreme`), with the ATR carried along.
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
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  let poison = edgePoison(high, low, close);
  // The ATR's seed: the true ranges of bars 1 to period − 1 (the period-th is added, and the sum divided, at `period`).
  let range = 0;
  const warm = Math.min(period, n);
  for (let i = 1; i < warm; i++) {
    const h = high[i];
    const l = low[i];
    const previousClose = close[i - 1];
    poison += (h + l + previousClose) * 0;
    range += trueRangeAt(h, l, previousClose);
  }
  // Extremes of the previous block from index j on; index `period` is the empty suffix.
  const highSuffix = new Float64Array(period + 1).fill(-Infinity);
  const lowSuffix = new Float64Array(period + 1).fill(Infinity);
  const keep = (period - 1) / period;
  const take = 1 / period;
  let seeded = false;
  for (let start = 0; start < n; start += period) {
    const end = start + period < n ? start + period : n;
    // The first block is the ATR's warm-up: no exit, only its suffix extremes for the next block.
    if (start > 0) {
      let highPrefix = -Infinity;
      let lowPrefix = Infinity;
      for (let i = start, j = 1; i < end; i++, j++) {
        const h = high[i];
        const l = low[i];
        const previousClose = close[i - 1];
        poison += (h + l + previousClose) * 0;
        highPrefix = Math.max(highPrefix, h);
        lowPrefix = Math.min(lowPrefix, l);
        // trueRangeAt's formula written out: with the call, this loop measured 15-25 % slower.
        const tr = Math.max(h - l, Math.abs(h - previousClose), Math.abs(l - previousClose));
        if (!seeded) {
          range = (range + tr) / period;
          seeded = true;
        } else range = range * keep + tr * take;
        const width = k * range;
        long[i] = Math.max(highSuffix[j], highPrefix) - width;
        short[i] = Math.min(lowSuffix[j], lowPrefix) + width;
      }
    }
    let highRunning = -Infinity;
    let lowRunning = Infinity;
    for (let i = end - 1, j = end - 1 - start; j >= 0; i--, j--) {
      highRunning = Math.max(highRunning, high[i]);
      lowRunning = Math.min(lowRunning, low[i]);
      highSuffix[j] = highRunning;
      lowSuffix[j] = lowRunning;
    }
  }
  long.fill(NaN, 0, warm);
  short.fill(NaN, 0, warm);
  if (poison !== 0) rejectNonFinite({ high, low, close });
  return { long, short };
}
