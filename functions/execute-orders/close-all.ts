import { randomUUID } from 'node:crypto';
import { clientOrderIdFor } from '../../shared/trading/client-order-id.js';
import { atTradeDesk } from '../../shared/trading/trade-desk.js';
import { refreshOrders } from '../../shared/trading/order-book.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import type { BrokerOrder } from '../../shared/trading/trading-types.js';
import { isOpenOrder, positionSymbol } from '../../shared/trading/trading-types.js';
import { cancelOrder, closePosition } from './exit.js';

/** What `closeAll` did: orders canceled, the signals whose positions it closed or is selling, other positions closed, failures. */
export interface CloseAllReport {
  readonly canceled: number;
  /** Signals whose position records were closed (reason `close-all`), each sold under its own client order id. */
  readonly signals: readonly string[];
  /**
   * Signals whose flatten sell the broker accepted and has not filled (an equity while the market is closed): their
   * records close when reconcile sees the sell fill; their symbols are left to that sell, not closed again.
   */
  readonly pending: readonly { readonly signalId: string; readonly symbol: string }[];
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
  // The flatten sell an earlier close-all left working is what closes its position: kept, and that position pending.
  const flattenOf = (signalId: string) => clientOrderIdFor(signalId, 'all', 'flatten');
  const selling = new Set<string>();
  // Ours first, from their records (a bracket's legs are not listed open once their parent filled), then the rest.
  for (const position of mine)
    for (const record of await refreshOrders(deps, position.signalId, at)) {
      if (!isOpenOrder(record)) continue;
      if (record.clientOrderId === flattenOf(position.signalId)) selling.add(position.signalId);
      else await cancel(record.clientOrderId, () => cancelOrder(deps, record, at));
    }
  const kept = new Set([...selling].map(flattenOf));
  const open = (await deps.broker.openOrders()).flatMap((o): BrokerOrder[] => [o, ...o.legs]).filter(isOpenOrder);
  for (const order of open.filter((o) => !kept.has(o.clientOrderId)))
    await cancel(order.clientOrderId || order.id, async () => (await deps.broker.cancel(order.id)) === 'canceled');
  const prices = new Map((await deps.broker.positions()).map((p) => [positionSymbol(p.symbol), p.currentPrice]));
  const signals: string[] = [];
  const pending: { signalId: string; symbol: string }[] = [];
  for (const position of mine) {
    const { signalId, symbol } = position;
    if (selling.has(signalId)) {
      pending.push({ signalId, symbol });
      continue;
    }
    const price = prices.get(positionSymbol(symbol)) ?? position.avgEntryPrice ?? 0;
    try {
      const after = await closePosition(deps, position, 'close-all', price, at, 'flatten');
      const sell = after.status === 'closed' ? null : await deps.trades.getOrder(flattenOf(signalId));
      if (after.status === 'closed') signals.push(signalId);
      else if (sell !== null && isOpenOrder(sell)) pending.push({ signalId, symbol });
      else failures.push(`close signal ${signalId}: ${after.qty} still held (the sell did not fill)`);
    } catch (error) {
      failures.push(`close signal ${signalId}: ${reasonOf(error)}`);
    }
  }
  // A working sell holds its quantity: closing that symbol again would be refused (403) or sell twice.
  const sellingSymbols = new Set(pending.map((p) => positionSymbol(p.symbol)));
  const closed: string[] = [];
  for (const position of await deps.broker.positions()) {
    if (sellingSymbols.has(positionSymbol(position.symbol))) continue;
    try {
      if ((await deps.broker.closePosition(position.symbol, undefined, position.currentPrice ?? undefined)) !== null)
        closed.push(position.symbol);
    } catch (error) {
      failures.push(`close ${position.symbol}: ${reasonOf(error)}`);
    }
  }
  return { canceled, signals, pending, closed, failures };
}
