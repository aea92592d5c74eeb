import type { Broker } from '../../shared/trading/broker.port.js';
import type { TradeStore } from '../../shared/store/trade-store.port.js';

/** What `closeAll` did: orders canceled, positions closed (by broker symbol), and failures by item. */
export interface CloseAllReport {
  readonly canceled: number;
  readonly closed: readonly string[];
  readonly failures: readonly string[];
}

/**
 * The kill switch's `--close-all`: cancel every open order, then close every position of the paper account
 * (`DELETE /v2/positions/{symbol}`, crypto without the slash). Position records are left to reconcile, which
 * records the closing fills with their evidence. One failure does not stop the rest.
 */
export async function closeAll(deps: {
  readonly broker: Broker;
  readonly trades: Pick<TradeStore, 'listPositions'>;
}): Promise<CloseAllReport> {
  const failures: string[] = [];
  let canceled = 0;
  for (const order of await deps.broker.openOrders()) {
    try {
      if ((await deps.broker.cancel(order.id)) === 'canceled') canceled++;
    } catch (error) {
      failures.push(`cancel ${order.clientOrderId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const closed: string[] = [];
  const lastPrice = new Map(
    (await deps.trades.listPositions('open')).map((p) => [p.symbol.replace('/', ''), p.avgEntryPrice ?? undefined]),
  );
  for (const position of await deps.broker.positions()) {
    try {
      if (
        (await deps.broker.closePosition(position.symbol, undefined, position.currentPrice ?? lastPrice.get(position.symbol))) !==
        null
      )
        closed.push(position.symbol);
    } catch (error) {
      failures.push(`close ${position.symbol}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { canceled, closed, failures };
}
