import { checkMultiplier, checkPeriod, checkSeries } from './validate.js';

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
  checkSeries({ close });
  const n = close.length;
  const lower = new Float64Array(n);
  const middle = new Float64Array(n);
  const upper = new Float64Array(n);
  const warm = Math.min(period - 1, n);
  lower.fill(NaN, 0, warm);
  middle.fill(NaN, 0, warm);
  upper.fill(NaN, 0, warm);
  if (n < period) return { lower, middle, upper };
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < period; i++) {
    const delta = close[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (close[i] - mean);
  }
  const scale = 1 / period;
  let equalRun = 0;
  for (let i = period - 1; i < n; i++) {
    const incoming = close[i];
    if (i >= period) {
      const outgoing = close[i - period];
      const delta = incoming - outgoing;
      const next = mean + delta * scale;
      m2 += delta * (incoming - next + outgoing - mean);
      mean = next;
    }
    equalRun = i > 0 && incoming === close[i - 1] ? equalRun + 1 : 0;
    if (equalRun >= period - 1) {
      mean = incoming;
      m2 = 0;
    }
    const width = k * Math.sqrt(m2 > 0 ? m2 * scale : 0);
    lower[i] = mean - width;
    middle[i] = mean;
    upper[i] = mean + width;
  }
  return { lower, middle, upper };
}
