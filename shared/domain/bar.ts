/** One OHLCV candle; `timestamp` is the ISO-8601 UTC **open** time of the candle. */
export interface Bar {
  readonly timestamp: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bar widths in Alpaca's notation, the only ones the engine accepts. */
export const TIMEFRAMES = ['1Day', '4Hour', '1Hour'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1Day': 86_400_000,
  '4Hour': 14_400_000,
  '1Hour': 3_600_000,
};

export function timeframeMs(timeframe: Timeframe): number {
  return TIMEFRAME_MS[timeframe];
}

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

export const ASSET_CLASSES = ['CRYPTO', 'EQUITY'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];
