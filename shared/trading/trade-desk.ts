import type { TradeStore } from '../store/trade-store.port.js';
import { sleep as realSleep } from '../runtime/sleep.js';

/**
 * How long a claim of the trade desk lasts: the timeout of executeOrders and reconcileBroker (their topology rows), so
 * a holder that crashed frees the desk when its invocation would have been stopped anyway.
 */
export const TRADE_DESK_LEASE_MS = 120_000;

/** How long executeOrders and reconcile wait for a busy desk before they give up (half their timeout). */
export const TRADE_DESK_PATIENCE_MS = 60_000;

/** Between two looks at a busy desk. */
export const TRADE_DESK_POLL_MS = 1_000;

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
 * would each write what they read before the other's write, and one change would be lost. A busy desk is looked at
 * again every TRADE_DESK_POLL_MS until TRADE_DESK_PATIENCE_MS have been slept (counted in sleeps, not by the clock,
 * which a replay may hold still; `sleep` is faked in tests).
 */
export async function atTradeDesk<T>(
  deps: {
    readonly trades: Pick<TradeStore, 'claimDesk' | 'releaseDesk'>;
    readonly now: () => Date;
    readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  },
  holder: string,
  work: () => Promise<T>,
): Promise<T> {
  const { sleep = realSleep } = deps;
  for (let waited = 0; ;) {
    const claim = await deps.trades.claimDesk(holder, deps.now().toISOString(), TRADE_DESK_LEASE_MS);
    if (claim.taken) break;
    if (waited >= TRADE_DESK_PATIENCE_MS) throw new TradeDeskBusyError(claim.holder, claim.until, holder);
    const pause = Math.min(TRADE_DESK_POLL_MS, TRADE_DESK_PATIENCE_MS - waited);
    await sleep(pause);
    waited += pause;
  }
  // A run longer than the lease (a reconcile by hand over many positions, 0.5 s a broker call) keeps the desk: the
  // claim is renewed every quarter lease; a renewal still in flight is awaited before the desk is given back.
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = deps.trades.claimDesk(holder, deps.now().toISOString(), TRADE_DESK_LEASE_MS).catch(() => undefined);
  }, TRADE_DESK_LEASE_MS / 4);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await renewing;
    await deps.trades.releaseDesk(holder);
  }
}
