import { clientOrderIdFor } from '../../shared/trading/client-order-id.js';
import { ensureOrder, recordOf } from '../../shared/trading/order-book.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import type { OrderRecord, PositionRecord } from '../../shared/trading/trade-records.js';
import { isOpenOrder } from '../../shared/trading/trading-types.js';
import type { TradingAsset } from '../../shared/trading/trading-types.js';
import { roundPriceTo } from './sizing.js';

/**
 * The crypto protective sell: GTC stop_limit for the held quantity, its limit `offsetFraction` under the stop (a gap
 * can jump a stop-limit; the lifecycle's exit is the backstop).
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
  return ensureOrder(
    deps,
    {
      clientOrderId: clientOrderIdFor(position.signalId, 'all', 'stop'),
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
  const meta = {
    signalId: record.signalId,
    assetClass: record.assetClass,
    leg: record.leg,
    action: record.action,
    plannedPrice: changes.stopPrice ?? record.plannedPrice,
  };
  await deps.trades.putOrder(
    recordOf({ ...order, legs: [] }, meta, record.mode, at, record, record.parentClientOrderId, record.clientOrderId),
  );
}

/**
 * After more of a crypto entry filled (reconcile finds the later fills): the protective stop grows to the quantity
 * held, or is placed when none was (the entry had not filled at all when executeOrders sent it). A stop that already
 * covers the holding, or a position with nothing held, is left alone. Returns what it did.
 */
export async function coverHeldQuantity(
  deps: OrderBookDeps,
  position: PositionRecord,
  offsetFraction: number,
  at: string,
): Promise<'grown' | 'placed' | 'covered'> {
  if (position.assetClass !== 'CRYPTO' || position.status !== 'open' || position.qty <= 1e-9) return 'covered';
  const stop = await deps.trades.getOrder(clientOrderIdFor(position.signalId, 'all', 'stop'));
  if (stop === null) {
    await ensureProtectiveStop(
      deps,
      position,
      position.stop,
      (await deps.broker.asset(position.symbol)) ?? undefined,
      offsetFraction,
      at,
    );
    return 'placed';
  }
  if (!isOpenOrder(stop) || stop.qty >= position.qty - 1e-9) return 'covered';
  await replaceOrder(deps, stop, { qty: position.qty }, at);
  return 'grown';
}
