/** Per-bar regime and confluence flags of §2.3 (1 = holds); NaN inputs make a flag 0. */
export interface RegimeColumns {
  /** close > EMA50. */
  readonly trendBullish: Uint8Array;
  /** A low at the 14-bar low while RSI14 sits more than 1 point above its 14-bar low. */
  readonly rsiBullishDivergence: Uint8Array;
  /** ATR14 < SMA(ATR14, 20). */
  readonly volatilityContraction: Uint8Array;
  /** volume > 1.5 × SMA(volume, 20). */
  readonly volumeExpansion: Uint8Array;
  /** trendBullish or rsiBullishDivergence. */
  readonly reversalContext: Uint8Array;
}

/** The inputs the regime flags read. */
export interface RegimeInputs {
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly ema50: Float64Array;
  readonly rsi14: Float64Array;
  readonly rsi14Min14: Float64Array;
  readonly lowMin14: Float64Array;
  readonly atr14: Float64Array;
  readonly atrSma20: Float64Array;
  readonly volumeSma20: Float64Array;
}

/** Computes the regime flags for every bar. */
export function regimeColumns(input: RegimeInputs): RegimeColumns {
  const n = input.close.length;
  const trendBullish = new Uint8Array(n);
  const rsiBullishDivergence = new Uint8Array(n);
  const volatilityContraction = new Uint8Array(n);
  const volumeExpansion = new Uint8Array(n);
  const reversalContext = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const trend = input.close[i] > input.ema50[i];
    const divergence = input.low[i] <= input.lowMin14[i] * 1.001 && input.rsi14[i] > input.rsi14Min14[i] + 1;
    trendBullish[i] = trend ? 1 : 0;
    rsiBullishDivergence[i] = divergence ? 1 : 0;
    volatilityContraction[i] = input.atr14[i] < input.atrSma20[i] ? 1 : 0;
    volumeExpansion[i] = input.volume[i] > 1.5 * input.volumeSma20[i] ? 1 : 0;
    reversalContext[i] = trend || divergence ? 1 : 0;
  }
  return { trendBullish, rsiBullishDivergence, volatilityContraction, volumeExpansion, reversalContext };
}
