import { checkPeriod, rejectNonFinite } from './validate.js';

/** MACD line, its signal line and their difference, aligned with the input. */
export interface Macd {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

/**
 * MACD = EMA(fast) − EMA(slow), each EMA seeded with the SMA of its own first n closes (so not
 * TA-Lib's aligned seed); signal = EMA(signal) of MACD seeded with the SMA of its first values.
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:moving_average_convergence_divergence_macd
 */
export function macd(close: ArrayLike<number>, fast = 12, slow = 26, signal = 9): Macd {
  checkPeriod('fast', fast);
  checkPeriod('slow', slow);
  checkPeriod('signal', signal);
  const n = close.length;
  // Built before the loop so that optimised (OSR) loop code never meets an unvisited literal.
  const result: Macd = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
  const { macd: line, signal: signalLine, histogram } = result;
  const lineFrom = Math.max(fast, slow) - 1;
  const signalFrom = lineFrom + signal - 1;
  line.fill(NaN, 0, Math.min(lineFrom, n));
  signalLine.fill(NaN, 0, Math.min(signalFrom, n));
  histogram.fill(NaN, 0, Math.min(signalFrom, n));
  const fastAlpha = 2 / (fast + 1);
  const slowAlpha = 2 / (slow + 1);
  const signalAlpha = 2 / (signal + 1);
  // Until an EMA is seeded it holds the running mean, which at its seed index is the SMA seed.
  let fastSum = 0;
  let slowSum = 0;
  let signalSum = 0;
  let fastEma = 0;
  let slowEma = 0;
  let signalEma = 0;
  let poison = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i];
    poison += x * 0;
    if (i < fast) fastEma = (fastSum += x) / (i + 1);
    else fastEma += fastAlpha * (x - fastEma);
    if (i < slow) slowEma = (slowSum += x) / (i + 1);
    else slowEma += slowAlpha * (x - slowEma);
    if (i < lineFrom) continue;
    const value = fastEma - slowEma;
    line[i] = value;
    const j = i - lineFrom;
    if (j < signal) signalEma = (signalSum += value) / (j + 1);
    else signalEma += signalAlpha * (value - signalEma);
    if (i < signalFrom) continue;
    signalLine[i] = signalEma;
    histogram[i] = value - signalEma;
  }
  if (poison !== 0) rejectNonFinite({ close });
  return result;
}
