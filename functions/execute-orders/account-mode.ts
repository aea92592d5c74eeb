import type { SignalEvent } from '../../shared/messages/events.js';
import type { PositionRecord } from '../../shared/trading/trade-records.js';
import type { ExecuteOrdersDeps } from './execution-deps.js';

/**
 * Whether the position was opened on the other account than this instance's broker trades on (simulated before
 * ENABLE_EXECUTION was turned on, or Alpaca paper before it was turned off). Its steps are then left alone, with a
 * warning: this broker does not hold it, so a sell would open a short, and a cancel would name orders it never had.
 */
export function onOtherAccount(deps: ExecuteOrdersDeps, position: PositionRecord, event: SignalEvent): boolean {
  if (position.mode === deps.broker.mode) return false;
  deps.log.warn(
    `${event.type} left alone: the position was opened on the ${position.mode} account, and orders now go to ${deps.broker.mode}`,
    {
      signalId: position.signalId,
      symbol: position.symbol,
      positionMode: position.mode,
      brokerMode: deps.broker.mode,
    },
  );
  return true;
}
