import type { SignalLifecycleEvent } from '../../shared/messages/events.js';
import { clientOrderIdFor } from '../../shared/trading/client-order-id.js';
import type { OrderRecord, PositionRecord } from '../../shared/trading/trade-records.js';
import { isOpenOrder } from '../../shared/trading/trading-types.js';
import type { OrderRequest } from '../../shared/trading/trading-types.js';
import { BrokerError } from '../../shared/trading/broker.port.js';
import { holdingAt } from '../../shared/trading/broker-holding.js';
import { onOtherAccount } from './account-mode.js';
import { earlierSkip, settle, skip } from './enter.js';
import { ensureProtectiveStop, latestStopOrder, replaceOrder } from '../../shared/trading/protective-stop.js';
import type { ExecuteOrdersDeps } from './execution-deps.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import { adoptUnrecorded, ensureOrder, publishClosed, refreshOrders, updatedRecord } from '../../shared/trading/order-book.js';
import { roundPriceTo } from '../../shared/trading/increments.js';

const PARTIAL = { 'signal.tp1': { leg: 'a', action: 'exit-tp1' }, 'signal.tp2': { leg: 'b', action: 'exit-tp2' } } as const;
const CLOSING = new Set(['signal.tp3', 'signal.stopped', 'signal.invalidated', 'signal.expired']);

/**
 * A lifecycle event came before its signal's entry was recorded: the subscription is unordered, so `signal.created`
 * may still be on its way. Thrown (not poison), the message is redelivered with backoff until the entry is there;
 * on the subscription's last delivery attempt the signal is recorded as skipped instead (see `exit`).
 */
export class EntryNotRecordedError extends Error {
  override name = 'EntryNotRecordedError';
  constructor(
    readonly signalId: string,
    readonly eventType: string,
  ) {
    super(`${eventType} for signal ${signalId} came before its entry was recorded; retried until signal.created is handled`);
  }
}

/**
 * A lifecycle step → the orders that follow it. TP1/TP2: that tranche leaves (an equity bracket's limit leg has
 * usually filled; otherwise its legs are canceled and it is sold at market; crypto first shrinks the protective stop
 * to what stays, then sells), and the stops of what stays move to the signal's current stop (breakeven after TP1).
 * Trailed: the stops move. TP3, stop, invalidation, expiry: every open order is canceled, then what remains is sold.
 */
export async function exit(deps: ExecuteOrdersDeps, event: SignalLifecycleEvent, deliveryAttempt?: number): Promise<void> {
  let position = await deps.trades.getPosition(event.signalId);
  if (position === null) {
    // A refused entry leaves nothing to exit; an entry not handled yet is waited for (redelivery).
    if ((await earlierSkip(deps, event.signalId)) !== undefined) return;
    if (deliveryAttempt === undefined || deliveryAttempt < deps.maxDeliveryAttempts)
      throw new EntryNotRecordedError(event.signalId, event.type);
    // The entry never came: a signal opened before paper trading began, or a signal.created lost. Skipped, so this
    // exit and the signal's later steps are acknowledged, and a signal.created still to come opens nothing.
    await skip(deps, event, 'entry', `${event.type} came and its signal.created never did, in ${deliveryAttempt} deliveries`, {
      exitEvent: event.type,
      deliveryAttempt,
    });
    return;
  }
  if (position.status === 'closed' || onOtherAccount(deps, position, event)) return;
  const at = event.occurredAt;
  await adoptUnrecorded(deps, position, at);
  await refreshOrders(deps, event.signalId, at);
  position = await settle(deps, position, at);
  if (event.type === 'signal.tp1' || event.type === 'signal.tp2') {
    const { leg, action } = PARTIAL[event.type];
    position = await takeTranche(deps, position, leg, action, event.price, at);
    await moveStops(deps, position, event.signal.currentStop, at);
  } else if (event.type === 'signal.trailed') {
    await moveStops(deps, position, event.signal.currentStop, at);
  } else if (CLOSING.has(event.type)) {
    await closePosition(deps, position, event.type.replace('signal.', ''), event.price, at);
  }
}

const ordersOf = async (deps: OrderBookDeps, signalId: string) => deps.trades.listOrders({ signalId });

/** Cancels a recorded open order and records what the broker then says of it; whether this call canceled it. */
export async function cancelOrder(deps: OrderBookDeps, record: OrderRecord, at: string): Promise<boolean> {
  if (!isOpenOrder(record) || record.brokerOrderId === null) return false;
  const result = await deps.broker.cancel(record.brokerOrderId);
  const order = await deps.broker.order(record.brokerOrderId);
  const next = order === null ? { ...record, status: 'canceled', updatedAt: at } : updatedRecord(record, order, at);
  await deps.trades.putOrder(next);
  return result === 'canceled';
}

const INSUFFICIENT_QTY = /insufficient qty/i;

/**
 * A market sell with its own client order id. A crypto sell never asks for more than the broker holds (`held`, read
 * now unless the caller has just read it): Alpaca takes its fee in the coin at the end of the day, so what is held
 * can be less than what filled. Should Alpaca still refuse it for want of quantity (403), the position is read again
 * and the sell retried once with what is available.
 */
async function sell(
  deps: OrderBookDeps,
  position: PositionRecord,
  leg: 'a' | 'b' | 'all',
  action: 'exit-tp1' | 'exit-tp2' | 'close' | 'flatten',
  wanted: number,
  price: number,
  at: string,
  held?: number,
) {
  const crypto = position.assetClass === 'CRYPTO';
  const qty = crypto ? Math.min(wanted, held ?? (await holdingAt(deps.broker, position.symbol)).qty) : wanted;
  if (!(qty > 0)) return;
  const request: OrderRequest = {
    clientOrderId: clientOrderIdFor(position.signalId, leg, action),
    symbol: position.symbol,
    side: 'sell',
    type: 'market',
    timeInForce: 'gtc',
    qty,
    referencePrice: price,
  };
  const meta = { signalId: position.signalId, assetClass: position.assetClass, leg, action, plannedPrice: price };
  try {
    await ensureOrder(deps, request, meta, at);
  } catch (error) {
    if (!crypto || !(error instanceof BrokerError) || error.status !== 403 || !INSUFFICIENT_QTY.test(error.message)) throw error;
    const available = Math.min(qty, (await holdingAt(deps.broker, position.symbol)).available);
    if (!(available > 0) || available >= qty) throw error;
    await ensureOrder(deps, { ...request, qty: available }, meta, at);
  }
}

async function takeTranche(
  deps: ExecuteOrdersDeps,
  position: PositionRecord,
  leg: 'a' | 'b',
  action: 'exit-tp1' | 'exit-tp2',
  price: number,
  at: string,
): Promise<PositionRecord> {
  const tranche = position.tranches.find((t) => t.leg === leg);
  if (tranche === undefined || tranche.closed) return position;
  const orders = await ordersOf(deps, position.signalId);
  if (position.assetClass === 'EQUITY') {
    const entryKey = clientOrderIdFor(position.signalId, leg, 'entry');
    const takeProfit = orders.find((o) => o.clientOrderId === `${entryKey}:tp`);
    const unfilled = Math.max(0, tranche.qty - (takeProfit?.filledQty ?? 0));
    if (unfilled > 0) {
      for (const o of orders.filter((o) => o.parentClientOrderId === entryKey)) await cancelOrder(deps, o, at);
      await sell(deps, position, leg, action, Math.min(unfilled, position.qty), price, at);
    }
  } else if (!orders.some((o) => o.clientOrderId === clientOrderIdFor(position.signalId, leg, action))) {
    // Only while the tranche's sell is not recorded: after it, what is held no longer counts the tranche, and a
    // redelivered step taking it again from there would cancel the stop of what stays.
    const stop = latestStopOrder(orders, position.signalId)?.stop;
    // What stays is counted from what the broker holds (a fee taken in the coin may have made it less than filled).
    const held = Math.min(position.qty, (await holdingAt(deps.broker, position.symbol)).qty);
    const selling = Math.min(tranche.qty, held);
    const remaining = Number((held - selling).toFixed(9));
    // An open stop holds its quantity: shrink it to what stays before selling the tranche.
    if (stop !== undefined && isOpenOrder(stop) && stop.brokerOrderId !== null && stop.qty > remaining) {
      if (remaining > 0) await replaceOrder(deps, stop, { qty: remaining }, at);
      else await cancelOrder(deps, stop, at);
    }
    await sell(deps, position, leg, action, selling, price, at, held);
  }
  const next = {
    ...position,
    tranches: position.tranches.map((t) => (t.leg === leg ? { ...t, closed: true } : t)),
    updatedAt: at,
  };
  // Written here: settle writes only what the orders change, and a redelivered step may have changed none.
  await deps.trades.putPosition(next);
  return settle(deps, next, at);
}

/** Every open stop of the position moves to `stop` (a replace; a stop already there is left alone). */
async function moveStops(deps: ExecuteOrdersDeps, position: PositionRecord, stop: number, at: string): Promise<void> {
  if (position.status === 'closed' || position.qty <= 0) return;
  const asset = await deps.broker.asset(position.symbol);
  const tick = asset?.priceIncrement ?? 0.01;
  const target = roundPriceTo(stop, tick);
  const stops = (await ordersOf(deps, position.signalId)).filter((o) => o.action === 'stop' && isOpenOrder(o));
  // A crypto stop keeps covering what is held: one larger than the position (a fee taken in the coin) shrinks with it.
  const held =
    position.assetClass === 'CRYPTO' && stops.length > 0
      ? (await holdingAt(deps.broker, position.symbol)).qty
      : Number.POSITIVE_INFINITY;
  for (const order of stops) {
    const shrink = held > 0 && order.qty > held + 1e-9 ? { qty: held } : {};
    if (order.stopPrice === target && shrink.qty === undefined) continue;
    const limit =
      order.type === 'stop_limit' ? { limitPrice: roundPriceTo(stop * (1 - deps.limits.stopLimitOffsetFraction), tick) } : {};
    await replaceOrder(deps, order, { stopPrice: target, ...limit, ...shrink }, at);
  }
  if (position.assetClass === 'CRYPTO' && stops.length === 0)
    await ensureProtectiveStop(deps, position, stop, asset ?? undefined, deps.limits.stopLimitOffsetFraction, at);
  if (position.stop !== stop) await deps.trades.putPosition({ ...position, stop, updatedAt: at });
}

/**
 * Cancels every open order of the position, then sells what remains (`close` for the lifecycle, `flatten` for the
 * kill switch's close-all: each its own client order id); the record is closed with its result.
 */
export async function closePosition(
  deps: OrderBookDeps,
  position: PositionRecord,
  reason: string,
  price: number,
  at: string,
  action: 'close' | 'flatten' = 'close',
): Promise<PositionRecord> {
  for (const order of await ordersOf(deps, position.signalId)) await cancelOrder(deps, order, at);
  let settled = await settle(deps, position, at);
  if (settled.qty > 0) {
    await sell(deps, settled, 'all', action, settled.qty, price, at);
    settled = await settle(deps, settled, at);
  }
  // What the record still counts after a filled close may be a fee Alpaca took in the coin and has not reported yet:
  // nothing held at the broker then means closed (reconcile records the fee when it is posted).
  const closeOrder = await deps.trades.getOrder(clientOrderIdFor(position.signalId, 'all', action));
  const done =
    settled.qty <= 1e-9 ||
    (settled.assetClass === 'CRYPTO' &&
      closeOrder?.status === 'filled' &&
      (await holdingAt(deps.broker, settled.symbol)).qty <= 1e-9);
  if (!done) {
    // The close has not filled yet: reconcile finishes it, with the reason it was sent for.
    if (settled.closeReason === reason) return settled;
    const pending = { ...settled, closeReason: reason, updatedAt: at };
    await deps.trades.putPosition(pending);
    return pending;
  }
  const closed: PositionRecord = {
    ...settled,
    status: 'closed',
    qty: 0,
    closedAt: at,
    closeReason: reason,
    tranches: settled.tranches.map((t) => ({ ...t, closed: true })),
  };
  await deps.trades.putPosition(closed);
  await publishClosed(deps, closed, at);
  return closed;
}
