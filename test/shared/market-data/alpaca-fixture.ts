import sinon from 'sinon';
import type { Bar, Timeframe } from '../../../shared/domain/bar.js';
import { findBundledSeries, readBundledBars } from '../../../shared/market-data/bundled-bars.js';
import { createAlpacaSource } from '../../../shared/market-data/alpaca-source.js';
import type { AlpacaSourceOptions } from '../../../shared/market-data/alpaca-source.js';
import type { MarketDataSource, SymbolBars } from '../../../shared/market-data/market-data-source.port.js';
import { createThrottle } from '../../../shared/throttle/throttle.js';
import type { AlpacaEndpoint, AlpacaServer } from '../../servers/alpaca-server.js';
import { captureLogger } from '../log/capture.js';

/** Canary keys: tests check they reach the stock routes and never a log line. */
export const KEYS = { keyId: 'PKTESTKEYID0123456789', secretKey: 'test-secret-key-never-logged-0123456789' } as const;

const DAY_MS = 86_400_000;

/** A bundled real series, as the replay source reads it. */
export function bundled(symbol: string, timeframe: Timeframe = '1Day'): Bar[] {
  const series = findBundledSeries(symbol, timeframe);
  if (series === undefined) throw new TypeError(`no bundled ${timeframe} series for ${symbol}`);
  return readBundledBars(series);
}

/** Upper-case letters only (Alpaca crypto symbols must match ^[A-Z]+/[A-Z]+$): 0 → AAA, 1 → AAB… */
export function letters(index: number): string {
  const code = (k: number) => String.fromCharCode(65 + k);
  return code(Math.floor(index / 676) % 26) + code(Math.floor(index / 26) % 26) + code(index % 26);
}

/**
 * Synthetic daily bars ending with the one opening at `lastOpen`: crypto every day at 00:00Z, stocks on
 * weekdays at 05:00Z (midnight New York in winter, as Alpaca stamps them). Prices differ per `seed`.
 */
export function syntheticDaily(seed: number, lastOpen: Date, days: number, stock: boolean): Bar[] {
  const bars: Bar[] = [];
  const last = Math.floor(lastOpen.getTime() / DAY_MS);
  for (let day = last - days + 1; day <= last; day++) {
    const open = new Date(day * DAY_MS + (stock ? 5 * 3_600_000 : 0));
    if (stock && (open.getUTCDay() === 0 || open.getUTCDay() === 6)) continue;
    const base = 50 + seed + (day % 97) / 10;
    bars.push({
      timestamp: open.toISOString().replace('.000Z', 'Z'),
      open: base,
      high: base + 1.5,
      low: base - 1.25,
      close: base + 0.25,
      volume: 1_000 + seed + (day % 13),
    });
  }
  return bars;
}

/** A source against the fake, with a spied throttle, recorded retry waits and a captured log. */
export function sourceFor(server: AlpacaServer, overrides: Partial<AlpacaSourceOptions> = {}) {
  const throttle = createThrottle({ perMinute: 10_000, minSpacingMs: 0 });
  const acquire = sinon.spy(throttle, 'acquire');
  const sleeps: number[] = [];
  const capture = captureLogger();
  const source: MarketDataSource = createAlpacaSource({
    ...KEYS,
    dataBaseUrl: server.url,
    tradingBaseUrl: `${server.url}/v2`,
    feed: 'iex',
    throttle,
    logger: capture.logger,
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    ...overrides,
  });
  return { source, acquire, sleeps, capture };
}

/** How many requests reached `endpoint`. */
export function hits(server: AlpacaServer, endpoint: AlpacaEndpoint): number {
  return server.requests.filter((request) => request.endpoint === endpoint).length;
}

/** The bars of a symbol's result, or a TypeError naming its problem. */
export function barsOf(results: readonly SymbolBars[], symbol: string): Bar[] {
  const result = results.find((entry) => entry.symbol === symbol);
  if (result === undefined) throw new TypeError(`no result for ${symbol}`);
  if ('problem' in result) throw new TypeError(`${symbol}: ${result.problem}`);
  return result.bars;
}

/** The problem reported for a symbol, or undefined when it has bars. */
export function problemOf(results: readonly SymbolBars[], symbol: string): string | undefined {
  const result = results.find((entry) => entry.symbol === symbol);
  return result !== undefined && 'problem' in result ? result.problem : undefined;
}
