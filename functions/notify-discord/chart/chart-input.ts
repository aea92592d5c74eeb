import type { Pivot } from '../../../shared/domain/patterns.js';
import type { Levels } from '../../../shared/domain/signal.js';
import type { RecentBar } from '../../../shared/messages/analysis.js';

/** Everything a chart shows: the candles, the signal's levels and the pattern's pivots. */
export interface ChartInput {
  readonly title: string;
  readonly bars: readonly RecentBar[];
  readonly levels: Levels;
  readonly pivots: readonly Pivot[];
}

/** Pixel size of the chart (Discord shows embed images up to about 400 px high). */
export const CHART_SIZE = { width: 800, height: 420 } as const;

/** The plot area inside the chart: room for the title above and the price labels on the right. */
export const PLOT = { left: 12, top: 36, right: 700, bottom: 396 } as const;

/** Maps prices and bar positions to pixels. */
export interface Scale {
  x(index: number): number;
  y(price: number): number;
  readonly slot: number;
}

/** A linear scale over the bars' range and every level, with 4 % headroom. */
export function scaleFor(input: ChartInput): Scale {
  const { levels } = input;
  const prices = [
    ...input.bars.flatMap((bar) => [bar.high, bar.low]),
    ...input.pivots.map((pivot) => pivot.price),
    levels.entry,
    levels.stop,
    levels.tp1,
    levels.tp2,
    levels.tp3,
    ...(levels.invalidation === null ? [] : [levels.invalidation]),
  ].filter(Number.isFinite);
  const high = Math.max(...prices);
  const low = Math.min(...prices);
  const pad = (high - low || Math.abs(high) || 1) * 0.04;
  const top = high + pad;
  const bottom = low - pad;
  const count = Math.max(1, input.bars.length);
  const slot = (PLOT.right - PLOT.left) / count;
  return {
    slot,
    x: (index) => PLOT.left + slot * (index + 0.5),
    y: (price) => PLOT.top + ((top - price) / (top - bottom)) * (PLOT.bottom - PLOT.top),
  };
}

/** The bar index of each pivot inside the chart's window (matched by time); pivots before the window are left out. */
export function placedPivots(input: ChartInput): { readonly pivot: Pivot; readonly index: number }[] {
  const times = input.bars.map((bar) => Date.parse(bar.timestamp));
  if (times.length === 0) return [];
  return input.pivots.flatMap((pivot) => {
    const time = Date.parse(pivot.timestamp);
    if (time < times[0] || time > times[times.length - 1]) return [];
    let index = 0;
    for (let i = 0; i < times.length; i++) if (Math.abs(times[i] - time) < Math.abs(times[index] - time)) index = i;
    return [{ pivot, index }];
  });
}
