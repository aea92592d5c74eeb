import type { TradeStore } from '../store/trade-store.port.js';

/**
 * How long a claim of the trade desk lasts: the timeout of executeOrders and reconcileBroker (their topology rows), so
 * a holder that crashed frees the desk when its invocation would have been stopped anyway.
 */
export const TRADE_DESK_LEASE_MS = 120_000;

/**
 * Another writer of orders and positions is at work. Transient, not poison: the message is redelivered with backoff
 * and finds the desk free (executeOrders, reconcileBroker); the command says so (`sentinel pause --close-all`).
 */
export class TradeDeskBusyError extends Error {
  override name = 'TradeDeskBusyError';
  constructor(
    readonly holder: string,
    readonly until: string,
    readonly waiting: string,
  ) {
    super(`the trade desk is held by ${holder} until ${until} at the latest; ${waiting} waits for it`);
  }
}

/**
 * Runs `work` holding the trade desk as `holder`, and gives it back after, however `work` ends. executeOrders,
 * reconcile and close-all each read a position, ask the broker, then write the position back: two of them at once
 * would each write what they read before the other's write, and one change would be lost.
 */
export async function atTradeDesk<T>(
  deps: { readonly trades: Pick<TradeStore, 'claimDesk' | 'releaseDesk'>; readonly now: () => Date },
  holder: string,
  work: () => Promise<T>,
): Promise<T> {
  const claim = await deps.trades.claimDesk(holder, deps.now().toISOString(), TRADE_DESK_LEASE_MS);
  if (!claim.taken) throw new TradeDeskBusyError(claim.holder, claim.until, holder);
  try {
    return await work();
  } finally {
    await deps.trades.releaseDesk(holder);
  }
}
