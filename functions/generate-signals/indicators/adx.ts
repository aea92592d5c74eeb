import { edgePoison, trueRangeAt } from './true-range.js';
import { checkLengths, checkPeriod, rejectNonFinite } from './validate.js';

/** Trend strength (ADX) and the two directional indicators it is built from. */
export interface Adx {
  readonly adx: Float64Array;
  readonly plusDI: Float64Array;
  readonly minusDI: Float64Array;
}

/**
 * Wilder's ADX with TA-Lib's seeding: DM/TR sums over bars 1..period−1, Wilder-smoothed from bar
 * `period` (first DI), first ADX at 2·period−1 = mean of the first `period` DX, then Wilder;
 * a zero TR gives DI 0 and a zero DI sum leaves the ADX unchanged, as in TA-Lib.
 * @see https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_ADX.c
 */
export function adx(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Adx {
  checkPeriod('period', period);
  checkLengths({ high, low, close });
  const n = close.length;
  // Built before the loop so that optimised (OSR) loop code never meets an unvisited literal.
  const result: Adx = { adx: new Float64Array(n), plusDI: new Float64Array(n), minusDI: new Float64Array(n) };
  const { adx: adxLine, plusDI, minusDI } = result;
  const adxFrom = 2 * period - 1;
  adxLine.fill(NaN, 0, Math.min(adxFrom, n));
  plusDI.fill(NaN, 0, Math.min(period, n));
  minusDI.fill(NaN, 0, Math.min(period, n));
  const keep = 1 - 1 / period;
  let plusDM = 0;
  let minusDM = 0;
  let range = 0;
  let value = 0;
  let poison = edgePoison(high, low, close);
  for (let i = 1; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const previousClose = close[i - 1];
    poison += (h + l + previousClose) * 0;
    const up = h - high[i - 1];
    const down = low[i - 1] - l;
    const plus = up > down && up > 0 ? up : 0;
    const minus = down > up && down > 0 ? down : 0;
    const tr = trueRangeAt(h, l, previousClose);
    if (i < period) {
      plusDM += plus;
      minusDM += minus;
      range += tr;
      continue;
    }
    plusDM = plusDM * keep + plus;
    minusDM = minusDM * keep + minus;
    range = range * keep + tr;
    const scale = range > 0 ? 100 / range : 0;
    const pdi = plusDM * scale;
    const mdi = minusDM * scale;
    plusDI[i] = pdi;
    minusDI[i] = mdi;
    const sum = pdi + mdi;
    const dx = sum > 0 ? (100 * Math.abs(pdi - mdi)) / sum : 0;
    if (i < adxFrom) {
      value += dx;
    } else if (i === adxFrom) {
      value = (value + dx) / period;
      adxLine[i] = value;
    } else {
      if (sum > 0) value = value * keep + dx / period;
      adxLine[i] = value;
    }
  }
  if (poison !== 0) rejectNonFinite({ high, low, close });
  return result;
}
