/** Per-bar candle anatomy (§2.2), computed once so every pattern reads the same numbers. */
export interface CandleColumns {
  readonly body: Float64Array;
  readonly upperWick: Float64Array;
  readonly lowerWick: Float64Array;
  readonly range: Float64Array;
  /** body / range; NaN on a zero-range bar, so every comparison with it is false. */
  readonly bodyPct: Float64Array;
  /** 1 when close > open; a doji is neither green nor red. */
  readonly green: Uint8Array;
  readonly red: Uint8Array;
  /** The colour-flip exit signal: red bar whose body engulfs the previous green body. */
  readonly bearishEngulfing: Uint8Array;
}

/** Builds the candle columns from aligned OHLC arrays. */
export function candleColumns(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): CandleColumns {
  const n = open.length;
  const body = new Float64Array(n);
  const upperWick = new Float64Array(n);
  const lowerWick = new Float64Array(n);
  const range = new Float64Array(n);
  const bodyPct = new Float64Array(n);
  const green = new Uint8Array(n);
  const red = new Uint8Array(n);
  const bearishEngulfing = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = open[i];
    const c = close[i];
    body[i] = Math.abs(c - o);
    upperWick[i] = high[i] - Math.max(o, c);
    lowerWick[i] = Math.min(o, c) - low[i];
    range[i] = high[i] - low[i];
    bodyPct[i] = range[i] === 0 ? Number.NaN : body[i] / range[i];
    green[i] = c > o ? 1 : 0;
    red[i] = c < o ? 1 : 0;
    if (i > 0) {
      bearishEngulfing[i] = red[i] === 1 && green[i - 1] === 1 && o >= close[i - 1] && c < open[i - 1] ? 1 : 0;
    }
  }
  return { body, upperWick, lowerWick, range, bodyPct, green, red, bearishEngulfing };
}
