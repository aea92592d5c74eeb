import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import type { Bar } from '../../../shared/domain/bar.js';
import { validateBars } from '../bars.js';
import { adx, atr, bollinger, chandelierExit, ema, keltner, mfi, rollingMin, rsi, sma } from '../indicators/index.js';
import { candleColumns, type CandleColumns } from './candle.js';
import { regimeColumns, type RegimeColumns } from './regime.js';
import { traceZigZag, type ZigZagTrace } from './zigzag.js';

/** The indicator columns of §2.1 that patterns and levels read, NaN during warm-up. */
export interface IndicatorColumns {
  readonly ema50: Float64Array;
  readonly rsi14: Float64Array;
  /** Lowest RSI14 of the last 14 bars, the divergence baseline. */
  readonly rsi14Min14: Float64Array;
  /** Lowest low of the last 14 bars. */
  readonly lowMin14: Float64Array;
  readonly atr14: Float64Array;
  readonly atr22: Float64Array;
  readonly volumeSma20: Float64Array;
  /** SMA(ATR14, 20), the volatility regime. */
  readonly atrSma20: Float64Array;
  readonly bbLower: Float64Array;
  readonly bbMiddle: Float64Array;
  readonly bbUpper: Float64Array;
  readonly mfi14: Float64Array;
  readonly adx14: Float64Array;
  readonly plusDI14: Float64Array;
  readonly minusDI14: Float64Array;
  readonly kcLower: Float64Array;
  readonly kcMiddle: Float64Array;
  readonly kcUpper: Float64Array;
  readonly chandelierLong: Float64Array;
  readonly chandelierShort: Float64Array;
}

/** Everything the patterns read about one bar series, computed once; every column has one value per bar. */
export interface SeriesAnalysis extends IndicatorColumns, CandleColumns, RegimeColumns {
  readonly bars: readonly Bar[];
  readonly length: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** `cumulativeVolume[k]` = volume of bars 0..k−1, so a window's mean volume costs O(1). */
  readonly cumulativeVolume: Float64Array;
  readonly zigzag: ZigZagTrace;
}

/** Validates the bars and computes every column the patterns need, in one pass per indicator. */
export function analyzeSeries(bars: readonly Bar[]): SeriesAnalysis {
  validateBars(bars);
  const n = bars.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const cumulativeVolume = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const bar = bars[i];
    open[i] = bar.open;
    high[i] = bar.high;
    low[i] = bar.low;
    close[i] = bar.close;
    volume[i] = bar.volume;
    cumulativeVolume[i + 1] = cumulativeVolume[i] + bar.volume;
  }
  const indicators = indicatorColumns(high, low, close, volume);
  const candles = candleColumns(open, high, low, close);
  const regime = regimeColumns({ low, close, volume, ...indicators });
  return {
    bars,
    length: n,
    open,
    high,
    low,
    close,
    volume,
    cumulativeVolume,
    ...indicators,
    ...candles,
    ...regime,
    zigzag: traceZigZag(bars),
  };
}

/** Mean volume of bars `from..to` (inclusive). */
export function meanVolume(analysis: SeriesAnalysis, from: number, to: number): number {
  return (analysis.cumulativeVolume[to + 1] - analysis.cumulativeVolume[from]) / (to - from + 1);
}

/** Rejects a bar index outside the analysed series, naming the argument. */
export function checkBarIndex(analysis: SeriesAnalysis, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= analysis.length) {
    throw new InvalidArgumentError('i', `must be a bar index in [0, ${analysis.length - 1}], got ${String(i)}`);
  }
}

function indicatorColumns(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): IndicatorColumns {
  const rsi14 = rsi(close, 14);
  const atr14 = atr(high, low, close, 14);
  const bands = bollinger(close, 20, 2);
  const directional = adx(high, low, close, 14);
  const channel = keltner(high, low, close, 20, 2);
  const chandelier = chandelierExit(high, low, close, 22, 3);
  return {
    ema50: ema(close, 50),
    rsi14,
    rsi14Min14: afterWarmUp(rsi14, (values) => rollingMin(values, 14)),
    lowMin14: rollingMin(low, 14),
    atr14,
    atr22: atr(high, low, close, 22),
    volumeSma20: sma(volume, 20),
    atrSma20: afterWarmUp(atr14, (values) => sma(values, 20)),
    bbLower: bands.lower,
    bbMiddle: bands.middle,
    bbUpper: bands.upper,
    mfi14: mfi(high, low, close, volume, 14),
    adx14: directional.adx,
    plusDI14: directional.plusDI,
    minusDI14: directional.minusDI,
    kcLower: channel.lower,
    kcMiddle: channel.middle,
    kcUpper: channel.upper,
    chandelierLong: chandelier.long,
    chandelierShort: chandelier.short,
  };
}

/**
 * Applies a rolling indicator to a series that starts with warm-up NaNs (the public indicators reject
 * NaN): the window starts at the first finite value, as pandas' `rolling` does.
 */
function afterWarmUp(values: Float64Array, rolling: (finite: Float64Array) => Float64Array): Float64Array {
  let start = 0;
  while (start < values.length && Number.isNaN(values[start])) start++;
  const out = new Float64Array(values.length).fill(Number.NaN);
  out.set(rolling(values.subarray(start)), start);
  return out;
}
