import { checkMultiplier, checkPeriod, rejectNonFinite } from './validate.js';

/** Three aligned lines around a centre line (Bollinger, Keltner). */
export interface Bands {
  readonly lower: Float64Array;
  readonly middle: Float64Array;
  readonly upper: Float64Array;
}

/**
 * Bollinger Bands: SMA(period) ± k·σ with the **population** σ of the same window (TA-Lib, skender);
 * a sliding Welford update keeps σ accurate on long series where Σx² − n·mean² would cancel, and a
 * window of equal closes gets exactly σ = 0 (no √ε residue).
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:bollinger_bands
 */
export function bollinger(close: ArrayLike<number>, period = 20, k = 2): Bands {
  checkPeriod('period', period);
  checkMultiplier('k', k);
  const n = close.length;
  // Built before the loop so that optimised (OSR) loop code never meets an unvisited literal.
  const bands: Bands = { lower: new Float64Array(n), middle: new Float64Array(n), upper: new Float64Array(n) };
  const { lower, middle, upper } = bands;
  const warm = Math.min(period - 1, n);
  lower.fill(NaN, 0, warm);
  middle.fill(NaN, 0, warm);
  upper.fill(NaN, 0, warm);
  const scale = 1 / period;
  let mean = 0;
  let m2 = 0;
  let equalRun = 0;
  let previous = NaN;
  let poison = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i];
    poison += x * 0;
    if (i < period) {
      const delta = x - mean;
      mean += delta / (i + 1);
      m2 += delta * (x - mean);
    } else {
      const outgoing = close[i - period];
      const delta = x - outgoing;
      const next = mean + delta * scale;
      m2 += delta * (x - next + outgoing - mean);
      mean = next;
    }
    equalRun = x === previous ? equalRun + 1 : 0;
    previous = x;
    if (i < period - 1) continue;
    if (equalRun >= period - 1) {
      mean = x;
      m2 = 0;
    }
    const width = k * Math.sqrt(m2 > 0 ? m2 * scale : 0);
    lower[i] = mean - width;
    middle[i] = mean;
    upper[i] = mean + width;
  }
  if (poison !== 0) rejectNonFinite({ close });
  return bands;
}
