import type { Bar } from '../../shared/domain/bar.js';

/** Daily returns over this many bars decide whether two symbols move together. */
export const CORRELATION_BARS = 90;
/** Fewer shared returns than this say nothing: the pair is not counted as correlated. */
export const MIN_SHARED_RETURNS = 30;

/** Close-to-close returns keyed by the later bar's day (`YYYY-MM-DD`), so crypto and equity days line up. */
function returnsByDay(bars: readonly Pick<Bar, 'timestamp' | 'close'>[]): Map<string, number> {
  const recent = bars.slice(-(CORRELATION_BARS + 1));
  const returns = new Map<string, number>();
  for (let i = 1; i < recent.length; i++) {
    const previous = recent[i - 1].close;
    if (previous > 0) returns.set(recent[i].timestamp.slice(0, 10), recent[i].close / previous - 1);
  }
  return returns;
}

/**
 * Pearson correlation of the daily returns two series share over their last 90 bars; null when they share fewer
 * than 30 returns or one of them does not move.
 */
export function returnCorrelation(
  left: readonly Pick<Bar, 'timestamp' | 'close'>[],
  right: readonly Pick<Bar, 'timestamp' | 'close'>[],
): number | null {
  const a = returnsByDay(left);
  const b = returnsByDay(right);
  const pairs: [number, number][] = [];
  for (const [day, x] of a) {
    const y = b.get(day);
    if (y !== undefined) pairs.push([x, y]);
  }
  if (pairs.length < MIN_SHARED_RETURNS) return null;
  const meanX = pairs.reduce((s, [x]) => s + x, 0) / pairs.length;
  const meanY = pairs.reduce((s, [, y]) => s + y, 0) / pairs.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
    syy += (y - meanY) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
