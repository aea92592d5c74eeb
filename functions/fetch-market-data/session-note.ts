import type { AssetClass, Bar, Timeframe } from '../../shared/domain/bar.js';
import { sessionDateOf } from '../../shared/domain/sessions/bar-close.js';
import { closureReason } from '../../shared/domain/sessions/equity-calendar.js';
import { newYorkWallClock } from '../../shared/domain/sessions/new-york-time.js';

/**
 * Why an equity daily scan found no bar of its own day, when the exchange did not trade that day (a holiday or a
 * weekend): e.g. `no US equity session on 2024-12-25 (Christmas Day): no new bar, the last closed one is of
 * 2024-12-24`. Null for crypto, intraday scans, and trading days.
 */
export function noSessionNote(assetClass: AssetClass, timeframe: Timeframe, asOf: Date, bars: readonly Bar[]): string | null {
  if (assetClass !== 'EQUITY' || timeframe !== '1Day' || bars.length === 0) return null;
  const today = newYorkWallClock(asOf.getTime()).date;
  const last = sessionDateOf(bars[bars.length - 1].timestamp);
  if (last >= today) return null;
  const reason = closureReason(today);
  return reason === null ? null : `no US equity session on ${today} (${reason}): no new bar, the last closed one is of ${last}`;
}
