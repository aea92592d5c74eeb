import type { Bands } from './bollinger.js';
import { edgePoison, trueRangeAt } from './true-range.js';
import { checkLengths, checkMultiplier, checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Keltner Channels: middle = EMA(close, period) from index period−1; bands = middle ± k·EMA(TR, period),
 * the TR EMA seeded with mean(TR[1..period]) so the bands start at index `period`.
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:keltner_channels
 */
export function keltner(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 20, k = 2): Bands {
  checkPeriod('period', period);
  checkMultiplier('k', k);
  checkLengths({ high, low, close });
  const n = close.length;
  // Built before the loop so that optimised (OSR) loop code never meets an unvisited literal.
  const bands: Bands = { lower: new Float64Array(n), middle: new Float64Array(n), upper: new Float64Array(n) };
  const { lower, middle, upper } = bands;
  middle.fill(NaN, 0, Math.min(period - 1, n));
  lower.fill(NaN, 0, Math.min(period, n));
  upper.fill(NaN, 0, Math.min(period, n));
  const alpha = 2 / (period + 1);
  // Until an EMA is seeded it holds the running mean, which at its seed index is the SMA seed.
  let centre = 0;
  let centreSum = 0;
  let range = 0;
  let rangeSum = 0;
  let poison = edgePoison(high, low, close);
  for (let i = 0; i < n; i++) {
    const x = close[i];
    poison += x * 0;
    if (i < period) centre = (centreSum += x) / (i + 1);
    else centre += alpha * (x - centre);
    if (i >= period - 1) middle[i] = centre;
    if (i === 0) continue;
    const h = high[i];
    const l = low[i];
    poison += (h + l) * 0;
    const tr = trueRangeAt(h, l, close[i - 1]);
    if (i <= period) range = (rangeSum += tr) / i;
    else range += alpha * (tr - range);
    if (i < period) continue;
    const width = k * range;
    lower[i] = centre - width;
    upper[i] = centre + width;
  }
  if (poison !== 0) rejectNonFinite({ high, low, close });
  return bands;
}
