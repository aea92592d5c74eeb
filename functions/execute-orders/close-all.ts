import { randomUUID } from 'node:crypto';
import { atTradeDesk } from '../../shared/trading/trade-desk.js';
import { refreshOrders } from '../../shared/trading/order-book.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import type { BrokerOrder } from '../../shared/trading/trading-types.js';
import { isOpenOrder, positionSymbol } from '../../shared/trading/trading-types.js';
import { cancelOrder, closePosition } from './exit.js';

/** What `closeAll` did: orders canceled, the signals whose positions it closed, other positions closed, failures. */
export interface CloseAllReport {
  readonly canceled: number;
  /** Signals whose position records were closed (reason `close-all`), each sold under its own client order id. */
  readonly signals: readonly string[];
  /** Broker symbols still held after that and closed with `DELETE /v2/positions/{symbol}` (orphans included). */
  readonly closed: readonly string[];
  readonly failures: readonly string[];
}

export interface CloseAllDeps extends OrderBookDeps {
  readonly now: () => Date;
  /** Waits between looks at a busy trade desk; faked in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The kill switch's `--close-all` on the configured broker (Alpaca paper or the simulated one): every open order is
 * canceled (a working order holds its quantity); every position this system holds is sold at market under the
 * signal's `flatten` client order id and its record closed (`trade.closed`, reason `close-all`); whatever the broker
 * still holds then (positions this system did not open: the operator asked for every paper position) is closed with
 * `DELETE /v2/positions/{symbol}` (crypto without the slash). One failure does not stop the rest.
 */
export async function closeAll(deps: CloseAllDeps): Promise<CloseAllReport> {
  return atTradeDesk(deps, `close-all (${randomUUID()})`, () => closeAllAtDesk(deps));
}

async function closeAllAtDesk(deps: CloseAllDeps): Promise<CloseAllReport> {
  const at = deps.now().toISOString();
  const failures: string[] = [];
  let canceled = 0;
  const cancel = async (what: string, run: () => Promise<boolean>) => {
    try {
      if (await run()) canceled++;
    } catch (error) {
      failures.push(`cancel ${what}: ${reasonOf(error)}`);
    }
  };
  const mine = (await deps.trades.listPositions('open')).filter((p) => p.mode === deps.broker.mode);
  // Ours first, from their records (a bracket's legs are not listed open once their parent filled), then the rest.
  for (const position of mine)
    for (const record of await refreshOrders(deps, position.signalId, at))
      if (isOpenOrder(record)) await cancel(record.clientOrderId, () => cancelOrder(deps, record, at));
  const open = (await deps.broker.openOrders()).flatMap((o): BrokerOrder[] => [o, ...o.legs]).filter(isOpenOrder);
  for (const order of open)
    await cancel(order.clientOrderId || order.id, async () => (await deps.broker.cancel(order.id)) === 'canceled');
  const prices = new Map((await deps.broker.positions()).map((p) => [positionSymbol(p.symbol), p.currentPrice]));
  const signals: string[] = [];
  for (const position of mine) {
    const price = prices.get(positionSymbol(position.symbol)) ?? position.avgEntryPrice ?? 0;
    try {
      const after = await closePosition(deps, position, 'close-all', price, at, 'flatten');
      if (after.status === 'closed') signals.push(position.signalId);
      else failures.push(`close signal ${position.signalId}: ${after.qty} still held (the sell has not filled)`);
    } catch (error) {
      failures.push(`close signal ${position.signalId}: ${reasonOf(error)}`);
    }
  }
  const closed: string[] = [];
  for (const position of await deps.broker.positions()) {
    try {
      if ((await deps.broker.closePosition(position.symbol, undefined, position.currentPrice ?? undefined)) !== null)
        closed.push(position.symbol);
    } catch (error) {
      failures.push(`close ${position.symbol}: ${reasonOf(error)}`);
    }
  }
  return { canceled, signals, closed, failures };
}
