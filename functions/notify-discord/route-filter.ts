import type { RouteFilter } from '../../shared/config/route-filters.js';
import type { SignalEvent } from '../../shared/messages/events.js';

const RANK = { STANDARD: 0, HIGH: 1 } as const;

/** Whether a route's filter lets the event through: its type, its asset class, and its signal's conviction. */
export function passesRouteFilter(event: SignalEvent, filter: RouteFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (filter.assetClasses && !filter.assetClasses.includes(event.assetClass)) return false;
  if (filter.minConviction) {
    const conviction = event.type === 'signal.rejected' ? event.rejected.convictionTier : event.signal.convictionTier;
    if (RANK[conviction] < RANK[filter.minConviction]) return false;
  }
  return true;
}
