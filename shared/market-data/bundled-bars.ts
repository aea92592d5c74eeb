import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AssetClass, Bar, Timeframe } from '../domain/bar.js';
import { parseCsvBars } from './csv-bars.js';

/** One real OHLCV series shipped in `data/` (origins in `data/SOURCES.md`). */
export interface BundledSeries {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly timeframe: Timeframe;
  readonly file: string;
}

/** Every series the local replay can serve. */
export const BUNDLED_SERIES: readonly BundledSeries[] = [
  { symbol: 'BTC/USD', assetClass: 'CRYPTO', timeframe: '1Day', file: 'btc-usd-1d.csv' },
  { symbol: 'BTC/USD', assetClass: 'CRYPTO', timeframe: '4Hour', file: 'btc-usd-4h.csv' },
  { symbol: 'BTC/USD', assetClass: 'CRYPTO', timeframe: '1Hour', file: 'btc-usd-1h.csv' },
  { symbol: 'BTC/USDT', assetClass: 'CRYPTO', timeframe: '1Day', file: 'btc-usdt-1d.csv' },
  { symbol: 'ETH/USD', assetClass: 'CRYPTO', timeframe: '1Day', file: 'eth-usd-1d.csv' },
  { symbol: 'ETH/USD', assetClass: 'CRYPTO', timeframe: '4Hour', file: 'eth-usd-4h.csv' },
  { symbol: 'SPY', assetClass: 'EQUITY', timeframe: '1Day', file: 'spy-1d.csv' },
  { symbol: 'NVDA', assetClass: 'EQUITY', timeframe: '1Day', file: 'nvda-1d.csv' },
  { symbol: 'AAPL', assetClass: 'EQUITY', timeframe: '1Day', file: 'aapl-1d-2013.csv' },
];

/** The symbols `npm start` replays when none are named. */
export const DEFAULT_REPLAY_SYMBOLS = ['BTC/USD', 'ETH/USD', 'SPY', 'NVDA'] as const;

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

/** The bundled series of a symbol at a timeframe, or undefined when none is shipped. */
export function findBundledSeries(symbol: string, timeframe: Timeframe): BundledSeries | undefined {
  return BUNDLED_SERIES.find((series) => series.symbol === symbol && series.timeframe === timeframe);
}

/** Reads and parses one bundled series (not validated: callers validate once). */
export function readBundledBars(series: BundledSeries): Bar[] {
  return parseCsvBars(readFileSync(`${dataDir}${series.file}`, 'utf8'), series.file);
}
