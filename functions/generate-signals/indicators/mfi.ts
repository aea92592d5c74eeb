import { checkPeriod, checkSeries } from './validate.js';

/**
 * Money Flow Index: typical price tp = (h+l+c)/3, raw flow tp·volume, positive when tp rose, negative
 * when it fell, neither when equal; MFI = 100·pos/(pos+neg) over `period` flows (= 100 − 100/(1+pos/neg)),
 * so no negative flow gives 100 and no flow at all gives NaN. First value at index `period`.
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:money_flow_index_mfi
 */
export function mfi(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 14,
): Float64Array {
  checkPeriod('period', period);
  checkSeries({ high, low, close, volume });
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n === 0) return out;
  // Signed flows of the window (+ positive, − negative, 0 neither) and how many of each are nonzero:
  // a sum whose count drops to zero is reset to an exact 0, so rounding never fakes a tiny flow.
  const window = new Float64Array(period);
  let positive = 0;
  let negative = 0;
  let positiveCount = 0;
  let negativeCount = 0;
  let slot = 0;
  let previous = (high[0] + low[0] + close[0]) / 3;
  for (let i = 1; i < n; i++) {
    const typical = (high[i] + low[i] + close[i]) / 3;
    const flow = typical * volume[i];
    const leaving = window[slot];
    if (leaving > 0) {
      positive -= leaving;
      if (--positiveCount === 0) positive = 0;
    } else if (leaving < 0) {
      negative += leaving;
      if (--negativeCount === 0) negative = 0;
    }
    let entering = 0;
    if (flow > 0 && typical > previous) {
      entering = flow;
      positive += flow;
      positiveCount++;
    } else if (flow > 0 && typical < previous) {
      entering = -flow;
      negative += flow;
      negativeCount++;
    }
    window[slot] = entering;
    if (++slot === period) slot = 0;
    previous = typical;
    if (i < period) continue;
    if (negative === 0) out[i] = positive === 0 ? NaN : 100;
    else out[i] = (100 * positive) / (positive + negative);
  }
  return out;
}
