import { checkLengths, checkPeriod, rejectNonFinite } from './validate.js';

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
  checkLengths({ high, low, close, volume });
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  if (n === 0) return out;
  // Branch-free rings of the window's positive and negative flows, with counts of the nonzero ones:
  // a sum whose count drops to zero is reset to an exact 0, so rounding never fakes a tiny flow.
  const positives = new Float64Array(period);
  const negatives = new Float64Array(period);
  let positive = 0;
  let negative = 0;
  let positiveCount = 0;
  let negativeCount = 0;
  let slot = 0;
  let previous = (high[0] + low[0] + close[0]) / 3;
  let poison = (previous + volume[0]) * 0;
  for (let i = 1; i < n; i++) {
    const typical = (high[i] + low[i] + close[i]) / 3;
    const flow = typical * volume[i];
    poison += flow * 0;
    const up = flow * +(typical > previous);
    const down = flow * +(typical < previous);
    const upLeaving = positives[slot];
    const downLeaving = negatives[slot];
    positive += up - upLeaving;
    negative += down - downLeaving;
    positiveCount += +(up > 0) - +(upLeaving > 0);
    negativeCount += +(down > 0) - +(downLeaving > 0);
    if (positiveCount === 0) positive = 0;
    if (negativeCount === 0) negative = 0;
    positives[slot] = up;
    negatives[slot] = down;
    if (++slot === period) slot = 0;
    previous = typical;
    if (i < period) continue;
    if (negative === 0) out[i] = positive === 0 ? NaN : 100;
    else out[i] = (100 * positive) / (positive + negative);
  }
  if (poison !== 0) rejectNonFinite({ high, low, close, volume });
  return out;
}
