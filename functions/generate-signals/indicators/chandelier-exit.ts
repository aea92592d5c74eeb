import { trueRangeAt } from './true-range.js';
import { rollingExtremeInto } from './rolling-extremes.js';
import { checkLengths, checkMultiplier, checkPeriod, rejectNonFinite } from './validate.js';

/** Trailing stop levels for a long and for a short position. */
export interface ChandelierExit {
  readonly long: Float64Array;
  readonly short: Float64Array;
}

/**
 * Chandelier Exit: long = highest high(period) − k·ATR(period), short = lowest low(period) + k·ATR(period),
 * from index `period` (the first Wilder ATR, seeded like `atr`).
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
  // The window extremes go straight into the outputs; one more pass turns them into exits with the ATR.
  let poison = rollingExtremeInto(high, period, 1, long) + rollingExtremeInto(low, period, -1, short);
  if (n > 0) poison += close[n - 1] * 0;
  if (period - 1 < n) long[period - 1] = short[period - 1] = NaN;
  const keep = (period - 1) / period;
  const take = 1 / period;
  let range = 0;
  for (let i = 1; i < n; i++) {
    const previousClose = close[i - 1];
    poison += previousClose * 0;
    const tr = trueRangeAt(high[i], low[i], previousClose);
    if (i < period) {
      range += tr;
      continue;
    }
    range = i === period ? (range + tr) / period : range * keep + tr * take;
    const width = k * range;
    long[i] -= width;
    short[i] += width;
  }
  if (poison !== 0) rejectNonFinite({ high, low, close });
  return exits;
}
