import { clientOrderIdFor } from './client-order-id.js';
import { roundPriceTo } from './increments.js';
import { ensureOrder, updatedRecord } from './order-book.js';
import type { OrderBookDeps } from './order-book.js';
import type { OrderRecord, PositionRecord } from './trade-records.js';
import { isOpenOrder, mayStillChange } from './trading-types.js';
import type { TradingAsset } from './trading-types.js';

/** The position's latest protective stop order (`stop`, then `stop-1`, …) with its version; none when never placed. */
export function latestStopOrder(
  orders: readonly OrderRecord[],
  signalId: string,
): { readonly stop: OrderRecord; readonly version: number } | undefined {
  let latest: { stop: OrderRecord; version: number } | undefined;
  for (let version = 0; ; version++) {
    const id = clientOrderIdFor(signalId, 'all', 'stop', version);
    const stop = orders.find((o) => o.clientOrderId === id);
    if (stop === undefined) return latest;
    latest = { stop, version };
  }
}

/** A stop that ended without selling what it covered (canceled, expired, rejected, lost): it protects nothing now. */
const endedUnfilled = (stop: OrderRecord): boolean => !mayStillChange(stop) && stop.filledQty < stop.qty;

/**
 * The crypto protective sell: GTC stop_limit for the held quantity, its limit `offsetFraction` under the stop (a gap
 * can jump a stop-limit; the lifecycle's exit is the backstop). The current stop when one is placed and not ended
 * unfilled; else a new one under the next version of its client order id (a stop canceled at the dashboard, expired
 * or lost is placed again).
 */
export async function ensureProtectiveStop(
  deps: OrderBookDeps,
  position: PositionRecord,
  stop: number,
  asset: TradingAsset | undefined,
  offsetFraction: number,
  at: string,
): Promise<OrderRecord> {
  const tick = asset?.priceIncrement ?? 0.01;
  const latest = latestStopOrder(await deps.trades.listOrders({ signalId: position.signalId }), position.signalId);
  const version = latest === undefined ? 0 : latest.version + (endedUnfilled(latest.stop) ? 1 : 0);
  return ensureOrder(
    deps,
    {
      clientOrderId: clientOrderIdFor(position.signalId, 'all', 'stop', version),
      symbol: position.symbol,
      side: 'sell',
      type: 'stop_limit',
      timeInForce: 'gtc',
      qty: position.qty,
      stopPrice: roundPriceTo(stop, tick),
      limitPrice: roundPriceTo(stop * (1 - offsetFraction), tick),
    },
    { signalId: position.signalId, assetClass: 'CRYPTO', leg: 'all', action: 'stop', plannedPrice: stop },
    at,
  );
}

/** Replaces a working order (`PATCH /v2/orders/{id}`: a new broker id, the same client order id) and records it. */
export async function replaceOrder(
  deps: OrderBookDeps,
  record: OrderRecord,
  changes: { qty?: number; stopPrice?: number; limitPrice?: number },
  at: string,
): Promise<void> {
  if (record.brokerOrderId === null) return;
  const order = await deps.broker.replace(record.brokerOrderId, changes);
  await deps.trades.putOrder(updatedRecord(record, order, at, changes.stopPrice ?? record.plannedPrice));
}

/**
 * The crypto protective stop follows what is held: after more of the entry filled (reconcile finds the later fills)
 * it grows to the quantity held less what working sells (a partial exit not filled yet) will take, or is placed when
 * there was none (nothing had filled when executeOrders sent the entry); after a fee taken in the coin made the
 * position smaller (in the record, or at the broker: `held`) it shrinks, so that it never asks for more than is
 * there. A stop that ended unfilled (canceled at the dashboard, expired, lost) is placed again. Returns what it did.
 */
export async function coverHeldQuantity(
  deps: OrderBookDeps,
  position: PositionRecord,
  offsetFraction: number,
  at: string,
  held: number = Number.POSITIVE_INFINITY,
): Promise<'grown' | 'shrunk' | 'placed' | 'covered'> {
  if (position.assetClass !== 'CRYPTO' || position.status !== 'open') return 'covered';
  const orders = await deps.trades.listOrders({ signalId: position.signalId });
  const selling = orders
    .filter((o) => o.side === 'sell' && o.action !== 'stop' && isOpenOrder(o))
    .reduce((sum, o) => sum + o.qty - o.filledQty, 0);
  const target = Number((Math.min(position.qty, held) - selling).toFixed(9));
  if (target <= 1e-9) return 'covered';
  const stop = latestStopOrder(orders, position.signalId)?.stop;
  if (stop === undefined || endedUnfilled(stop)) {
    const asset = (await deps.broker.asset(position.symbol)) ?? undefined;
    await ensureProtectiveStop(deps, { ...position, qty: target }, position.stop, asset, offsetFraction, at);
    return 'placed';
  }
  if (!isOpenOrder(stop) || Math.abs(stop.qty - target) <= 1e-9) return 'covered';
  await replaceOrder(deps, stop, { qty: target }, at);
  return stop.qty < target ? 'grown' : 'shrunk';
}
