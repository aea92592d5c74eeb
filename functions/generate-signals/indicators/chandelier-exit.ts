import { atrUnchecked } from './atr.js';
import { rollingExtreme } from './rolling-extremes.js';
import { checkMultiplier, checkPeriod, checkSeries } from './validate.js';

/** Trailing stop levels for a long and for a short position. */
export interface ChandelierExit {
  readonly long: Float64Array;
  readonly short: Float64Array;
}

/**
 * Chandelier Exit: long = highest high(period) − k·ATR(period), short = lowest low(period) + k·ATR(period),
 * from index `period` (the first Wilder ATR).
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
  checkSeries({ high, low, close });
  const long = rollingExtreme(high, period, 1);
  const short = rollingExtreme(low, period, -1);
  const range = atrUnchecked(high, low, close, period);
  for (let i = 0; i < range.length; i++) {
    const width = k * range[i];
    long[i] -= width;
    short[i] += width;
  }
  return { long, short };
}
