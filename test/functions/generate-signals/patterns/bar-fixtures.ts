import type { Bar } from '../../../../shared/domain/bar.js';
import { analyzeSeries, patternsAt, type PatternFlags } from '../../../../functions/generate-signals/patterns/index.js';
import { loadBars } from '../../../helpers/data.js';

const cache = new Map<string, Bar[]>();

/** The bars of a data file up to and including the bar that opens on `date` (a timestamp prefix). */
export function barsUpTo(file: string, date: string): Bar[] {
  let bars = cache.get(file);
  if (!bars) {
    bars = loadBars(file);
    cache.set(file, bars);
  }
  const last = bars.findIndex((bar) => bar.timestamp.startsWith(date));
  if (last < 0) throw new Error(`${file} has no bar at ${date}`);
  return bars.slice(0, last + 1);
}

/** The pattern flags at the last bar. */
export function flagsAtLast(bars: readonly Bar[]): PatternFlags {
  return patternsAt(analyzeSeries(bars), bars.length - 1);
}

/** A copy of the bars with fields of the bar `fromEnd` places before the last one replaced (0 = last bar). */
export function patchBar(bars: readonly Bar[], patch: Partial<Omit<Bar, 'timestamp'>>, fromEnd = 0): Bar[] {
  const at = bars.length - 1 - fromEnd;
  return bars.map((bar, i) => (i === at ? { ...bar, ...patch } : bar));
}

/** Bars whose last volume sits just under 1.5 × SMA20 (which itself includes that volume). */
export function withoutVolumeExpansion(bars: readonly Bar[]): Bar[] {
  const others = bars.slice(-20, -1).reduce((sum, bar) => sum + bar.volume, 0);
  return patchBar(bars, { volume: ((1.5 * others) / 18.5) * 0.99 });
}

/** OHLCV rows as daily bars from 2024-01-01. */
export function dailyBars(rows: readonly (readonly [number, number, number, number, number])[]): Bar[] {
  const start = Date.UTC(2024, 0, 1);
  return rows.map(([open, high, low, close, volume], i) => ({
    timestamp: new Date(start + i * 86_400_000).toISOString().replace('.000Z', 'Z'),
    open,
    high,
    low,
    close,
    volume,
  }));
}

/**
 * Rows walking the close in straight legs, e.g. `[[10, 110], [5, 104]]` = 10 bars to 110 then 5 to
 * 104; each bar opens at the previous close and has `wick` above and below its body.
 */
export function legRows(
  startClose: number,
  legs: readonly (readonly [number, number])[],
  wick: number,
  volume: number,
): [number, number, number, number, number][] {
  const rows: [number, number, number, number, number][] = [];
  let close = startClose;
  for (const [count, target] of legs) {
    const step = (target - close) / count;
    for (let k = 0; k < count; k++) {
      const open = close;
      close = open + step;
      rows.push([open, Math.max(open, close) + wick, Math.min(open, close) - wick, close, volume]);
    }
  }
  return rows;
}
