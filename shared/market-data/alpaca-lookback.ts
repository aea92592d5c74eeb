import { TimeFrame, TimeFrameUnit, timeFrame } from '@alpacahq/alpaca-trade-api/rest';
import type { values } from '@alpacahq/alpaca-trade-api/rest';
import { timeframeMs } from '../domain/bar.js';
import type { AssetClass, Timeframe } from '../domain/bar.js';

const DAY_MS = 86_400_000;

/** Our timeframe in the SDK's branded notation (built with its helpers, as the SDK requires). */
export function sdkTimeframe(timeframe: Timeframe): values.TimeFrameString {
  switch (timeframe) {
    case '1Day':
      return TimeFrame.Day;
    case '4Hour':
      return timeFrame(4, TimeFrameUnit.Hour);
    case '1Hour':
      return TimeFrame.Hour;
  }
}

/**
 * Fewest bars a US trading day yields, regular hours only (the IEX feed may have no extended-hours bars):
 * one daily bar, the 09:30–16:00 ET session touches 2 four-hour buckets (UTC-aligned) and 7 hourly ones.
 */
const EQUITY_BARS_PER_SESSION: Record<Timeframe, number> = { '1Day': 1, '4Hour': 2, '1Hour': 7 };

/**
 * Where a full fetch starts so that at least `lookbackBars` closed bars come back. Crypto trades around the
 * clock: `lookbackBars + 2` intervals plus 5 % for intervals without trades. Equities trade about 252 of
 * 365 days: sessions × 7/5 calendar days, plus 5 % for holidays and a week (365 daily bars ≈ 543 days).
 */
export function lookbackStart(end: Date, timeframe: Timeframe, assetClass: AssetClass, lookbackBars: number): Date {
  if (assetClass === 'CRYPTO') {
    const intervals = Math.ceil((lookbackBars + 2) * 1.05);
    return new Date(floorTo(end.getTime(), timeframe) - intervals * timeframeMs(timeframe));
  }
  const sessions = Math.ceil(lookbackBars / EQUITY_BARS_PER_SESSION[timeframe]) + 1;
  const days = Math.ceil(((sessions * 7) / 5) * 1.05) + 7;
  return new Date(floorTo(end.getTime(), '1Day') - days * DAY_MS);
}

function floorTo(ms: number, timeframe: Timeframe): number {
  const width = timeframeMs(timeframe);
  return Math.floor(ms / width) * width;
}
