import type { AssetClass } from '../domain/bar.js';
import { encodeMessage } from '../messages/envelope.js';
import { tradeEventIdFor, tradeEventKind } from '../messages/trade-events.js';
import type { TradeEvent } from '../messages/trade-events.js';
import { clientOrderIdFor } from './client-order-id.js';
import type { OrderAction, OrderLeg } from './client-order-id.js';
import type { CoinFee, OrderRecord, PositionRecord } from './trade-records.js';
import type { BrokerOrder, OrderRequest } from './trading-types.js';
import { mayStillChange } from './trading-types.js';
import type { Bus } from '../bus/bus.port.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Broker } from './broker.port.js';

/** What the order book needs: the trade store, the bus for trade events and the broker. */
export interface OrderBookDeps {
  readonly trades: TradeStore;
  readonly bus: Bus;
  readonly broker: Broker;
}

/** What an order is for, beside the request itself. */
export interface OrderMeta {
  readonly signalId: string;
  readonly assetClass: AssetClass;
  readonly leg: OrderLeg;
  readonly action: OrderAction;
  readonly plannedPrice: number | null;
}

/** Publishes a trade event on `events`; its id is deterministic, so a repeat is sent to people once. */
export async function publishTradeEvent(deps: Pick<OrderBookDeps, 'bus'>, event: TradeEvent): Promise<void> {
  await deps.bus.publish(tradeEventKind.topic, encodeMessage(tradeEventKind, event));
}

/** `trade.closed` for a position whose record was just closed: its reason and result (one event id per signal). */
export async function publishClosed(deps: Pick<OrderBookDeps, 'bus'>, closed: PositionRecord, at: string): Promise<void> {
  await publishTradeEvent(deps, {
    schemaVersion: 1,
    type: 'trade.closed',
    eventId: tradeEventIdFor('trade.closed', closed.signalId),
    signalId: closed.signalId,
    symbol: closed.symbol,
    assetClass: closed.assetClass,
    occurredAt: at,
    mode: closed.mode,
    reason: closed.closeReason ?? 'closed',
    qty: closed.plannedQty,
    realizedPnl: closed.realizedPnl,
    fees: closed.fees,
  });
}

const slippageOf = (side: 'buy' | 'sell', fill: number | null, planned: number | null): number | null =>
  fill === null || planned === null ? null : Number((side === 'buy' ? fill - planned : planned - fill).toFixed(8));

/** The record of `order` as the broker reports it, keeping what we knew (plan, submit time). */
export function recordOf(
  order: BrokerOrder,
  meta: OrderMeta,
  mode: OrderRecord['mode'],
  at: string,
  previous: OrderRecord | null,
  parentClientOrderId: string | null = null,
  key: string = order.clientOrderId,
): OrderRecord {
  return {
    schemaVersion: 1,
    clientOrderId: key,
    brokerOrderId: order.id,
    parentClientOrderId,
    signalId: meta.signalId,
    symbol: order.symbol,
    assetClass: meta.assetClass,
    leg: meta.leg,
    action: meta.action,
    side: order.side,
    type: order.type,
    qty: order.qty,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
    status: order.status,
    filledQty: order.filledQty,
    filledAvgPrice: order.filledAvgPrice,
    fees: order.fees ?? previous?.fees ?? 0,
    plannedPrice: meta.plannedPrice,
    slippage: slippageOf(order.side, order.filledAvgPrice, meta.plannedPrice),
    mode,
    // The event's time, not the broker's clock: a replay records the same trades on every run.
    submittedAt: previous?.submittedAt ?? at,
    updatedAt: at,
    missingLooks: 0,
  };
}

/**
 * `record` as the broker now reports its order (after a look, a cancel or a replace): the same key, parent and plan,
 * unless a replace moved the planned price.
 */
export function updatedRecord(
  record: OrderRecord,
  order: BrokerOrder,
  at: string,
  plannedPrice: number | null = record.plannedPrice,
): OrderRecord {
  const meta: OrderMeta = {
    signalId: record.signalId,
    assetClass: record.assetClass,
    leg: record.leg,
    action: record.action,
    plannedPrice,
  };
  return recordOf({ ...order, legs: [] }, meta, record.mode, at, record, record.parentClientOrderId, record.clientOrderId);
}

/** Records an order (and a bracket's legs) and publishes what is new about it: submitted, (partly) filled. */
export async function recordOrder(deps: OrderBookDeps, order: BrokerOrder, meta: OrderMeta, at: string): Promise<OrderRecord> {
  const previous = await deps.trades.getOrder(order.clientOrderId);
  const record = recordOf(order, meta, deps.broker.mode, at, previous);
  await deps.trades.putOrder(record);
  for (const leg of order.legs) {
    const suffix = leg.type === 'limit' ? 'tp' : 'sl';
    const key = `${order.clientOrderId}:${suffix}`;
    const legPrevious = await deps.trades.getOrder(key);
    const legMeta: OrderMeta = {
      ...meta,
      action: suffix === 'tp' ? (meta.leg === 'a' ? 'exit-tp1' : meta.leg === 'b' ? 'exit-tp2' : 'close') : 'stop',
      plannedPrice: leg.limitPrice ?? leg.stopPrice,
    };
    const legRecord = recordOf(leg, legMeta, deps.broker.mode, at, legPrevious, order.clientOrderId, key);
    await deps.trades.putOrder(legRecord);
    await publishOrderFacts(deps, legRecord, legPrevious, at);
  }
  await publishOrderFacts(deps, record, previous, at);
  return record;
}

export async function publishOrderFacts(
  deps: Pick<OrderBookDeps, 'bus'>,
  record: OrderRecord,
  previous: OrderRecord | null,
  at: string,
): Promise<void> {
  const common = {
    schemaVersion: 1 as const,
    signalId: record.signalId,
    symbol: record.symbol,
    assetClass: record.assetClass,
    mode: record.mode,
    clientOrderId: record.clientOrderId,
    leg: record.leg,
    action: record.action,
    side: record.side,
  };
  if (previous === null && record.parentClientOrderId === null) {
    await publishTradeEvent(deps, {
      ...common,
      type: 'trade.submitted',
      eventId: tradeEventIdFor('trade.submitted', record.clientOrderId),
      occurredAt: record.submittedAt,
      qty: record.qty,
      orderType: record.type,
      ...(record.limitPrice === null ? {} : { limitPrice: record.limitPrice }),
      ...(record.stopPrice === null ? {} : { stopPrice: record.stopPrice }),
    });
  }
  if (record.filledQty > (previous?.filledQty ?? 0) && record.filledAvgPrice !== null) {
    await publishTradeEvent(deps, {
      ...common,
      type: 'trade.filled',
      eventId: tradeEventIdFor('trade.filled', record.clientOrderId, record.filledQty),
      occurredAt: at,
      qty: record.filledQty,
      price: record.filledAvgPrice,
      fees: record.fees,
      partial: record.filledQty < record.qty,
      ...(record.plannedPrice === null ? {} : { plannedPrice: record.plannedPrice }),
      ...(record.slippage === null ? {} : { slippage: record.slippage }),
    });
  }
}

/**
 * Sends an order at most once: a recorded order is done; otherwise the broker is asked for its client order id
 * first (a crash may have come between an earlier POST and its record), and only an unknown order is submitted.
 */
export async function ensureOrder(deps: OrderBookDeps, request: OrderRequest, meta: OrderMeta, at: string): Promise<OrderRecord> {
  const recorded = await deps.trades.getOrder(request.clientOrderId);
  if (recorded !== null) return recorded;
  const existing = await deps.broker.orderByClientId(request.clientOrderId);
  const order = existing ?? (await deps.broker.submit(request));
  return recordOrder(deps, order, meta, at);
}

/** Brings the signal's open order records up to date with the broker; publishes fills found on the way. */
export async function refreshOrders(deps: OrderBookDeps, signalId: string, at: string): Promise<OrderRecord[]> {
  const records = await deps.trades.listOrders({ signalId });
  const fresh: OrderRecord[] = [];
  for (const record of records) {
    if (!mayStillChange(record) || record.brokerOrderId === null) {
      fresh.push(record);
      continue;
    }
    const order = await deps.broker.order(record.brokerOrderId);
    if (order === null) {
      fresh.push(record);
      continue;
    }
    const next = updatedRecord(record, order, at);
    if (next.status !== record.status || next.filledQty !== record.filledQty) {
      await deps.trades.putOrder(next);
      await publishOrderFacts(deps, next, record, at);
    }
    fresh.push(next);
  }
  return fresh;
}

/**
 * Quantity held by the signal's orders: filled buys minus filled sells, less the fees Alpaca took in the coin; with
 * the average entry price, and the fees (the orders' and the coin fees at their dollar value) in the realized result.
 */
export function holdingsOf(
  orders: readonly OrderRecord[],
  coinFees: readonly CoinFee[] = [],
): {
  qty: number;
  avgEntryPrice: number | null;
  realized: number;
  fees: number;
} {
  let bought = 0;
  let cost = 0;
  let sold = 0;
  let proceeds = 0;
  let fees = 0;
  for (const o of orders) {
    fees += o.fees;
    if (o.filledQty <= 0 || o.filledAvgPrice === null) continue;
    if (o.side === 'buy') {
      bought += o.filledQty;
      cost += o.filledQty * o.filledAvgPrice;
    } else {
      sold += o.filledQty;
      proceeds += o.filledQty * o.filledAvgPrice;
    }
  }
  let feeQty = 0;
  for (const fee of coinFees) {
    feeQty += fee.qty;
    fees += fee.usd;
  }
  const avgEntryPrice = bought > 0 ? cost / bought : null;
  const realized = avgEntryPrice === null ? 0 : proceeds - sold * avgEntryPrice - fees;
  return {
    qty: Math.max(0, Number((bought - sold - feeQty).toFixed(9))),
    avgEntryPrice: avgEntryPrice === null ? null : Number(avgEntryPrice.toFixed(8)),
    realized: Number(realized.toFixed(6)),
    fees: Number(fees.toFixed(6)),
  };
}

/** The position record after its orders (or its coin fees) changed. */
export function withHoldings(position: PositionRecord, orders: readonly OrderRecord[], at: string): PositionRecord {
  const h = holdingsOf(orders, position.coinFees);
  return { ...position, qty: h.qty, avgEntryPrice: h.avgEntryPrice, realizedPnl: h.realized, fees: h.fees, updatedAt: at };
}

/** The orders this position's plan may have sent: entries, the crypto stop, partial exits, the close and close-all's. */
function plannedOrders(position: PositionRecord) {
  const id = (leg: OrderLeg, action: OrderAction) => ({ id: clientOrderIdFor(position.signalId, leg, action), leg, action });
  const entries =
    position.assetClass === 'EQUITY' ? position.tranches.map((t) => id(t.leg, 'entry')) : [id('all', 'entry'), id('all', 'stop')];
  return [...entries, id('a', 'exit-tp1'), id('b', 'exit-tp2'), id('all', 'close'), id('all', 'flatten')];
}

/**
 * Records any order of the plan the broker has and the store does not (a crash came between its POST and its
 * record), so no step sells what an unrecorded order already holds or sold.
 */
export async function adoptUnrecorded(deps: OrderBookDeps, position: PositionRecord, at: string): Promise<void> {
  for (const planned of plannedOrders(position)) {
    if ((await deps.trades.getOrder(planned.id)) !== null) continue;
    const order = await deps.broker.orderByClientId(planned.id);
    if (order === null) continue;
    const plannedPrice = order.side === 'buy' ? position.avgEntryPrice : (order.stopPrice ?? order.limitPrice);
    await recordOrder(
      deps,
      order,
      { signalId: position.signalId, assetClass: position.assetClass, leg: planned.leg, action: planned.action, plannedPrice },
      at,
    );
  }
}
