import { v5 as uuidv5 } from 'uuid';
import type { AssetClass } from '../domain/bar.js';
import { ID_NAMESPACE } from '../domain/ids.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Broker, OrderChanges } from './broker.port.js';
import { BrokerError } from './broker.port.js';
import type { OrderRecord } from './trade-records.js';
import type { BrokerOrder, BrokerPosition, OrderRequest, TradingAsset } from './trading-types.js';
import { isOpenOrder, positionSymbol } from './trading-types.js';

/** The simulated account: starting equity, fees per asset class and slippage, in basis points. */
export interface SimulatedBrokerOptions {
  readonly store: Pick<TradeStore, 'listOrders'>;
  readonly startingEquityUsd: number;
  readonly feeBps: Readonly<Record<AssetClass, number>>;
  readonly slippageBps: number;
  /** The time stamped on fills (the event's time, so a replay is deterministic). */
  readonly now: () => Date;
}

interface Book {
  cash: number;
  readonly orders: Map<string, BrokerOrder>;
  readonly held: Map<string, { qty: number; cost: number; last: number; assetClass: AssetClass }>;
}

const classOf = (symbol: string): AssetClass => (symbol.includes('/') ? 'CRYPTO' : 'EQUITY');
const round = (value: number, decimals = 8) => Number(value.toFixed(decimals));

/** A recorded order as the simulator's book holds it. */
function fromRecord(record: OrderRecord): BrokerOrder {
  return {
    id: record.brokerOrderId ?? record.clientOrderId,
    clientOrderId: record.clientOrderId,
    symbol: record.symbol,
    side: record.side,
    type: record.type,
    status: record.status,
    qty: record.qty,
    filledQty: record.filledQty,
    filledAvgPrice: record.filledAvgPrice,
    limitPrice: record.limitPrice,
    stopPrice: record.stopPrice,
    orderClass: record.parentClientOrderId === null ? '' : 'bracket',
    legs: [],
    submittedAt: record.submittedAt,
    filledAt: record.filledQty > 0 ? record.updatedAt : null,
    replaces: null,
    fees: record.fees,
  };
}

/**
 * The embedded default broker: market orders fill at once at their reference price (the next bar's open for an
 * entry, the lifecycle's price for an exit) moved by the slippage against us, minus the fee; stop and limit orders
 * rest until canceled or replaced (the lifecycle's events close positions). Its book is rebuilt from the simulated
 * orders in the trade store at first use, so a later run continues the same account.
 */
export function createSimulatedBroker(options: SimulatedBrokerOptions): Broker {
  let book: Promise<Book> | undefined;
  const load = (): Promise<Book> =>
    (book ??= (async () => {
      const loaded: Book = { cash: options.startingEquityUsd, orders: new Map(), held: new Map() };
      for (const record of await options.store.listOrders()) {
        if (record.mode !== 'simulated') continue;
        const order = fromRecord(record);
        loaded.orders.set(order.clientOrderId, order);
        if (record.filledQty > 0 && record.filledAvgPrice !== null)
          applyFill(loaded, order, record.filledQty, record.filledAvgPrice, record.fees);
      }
      return loaded;
    })());

  /**
   * `last_equity` as Alpaca reports it: the equity at the previous day's close, here the start of `asOf`'s UTC day
   * (crypto trades around the clock): the recorded fills before it, positions valued at the last fill price then.
   */
  const equityAtDayStart = async (asOf: string): Promise<number> => {
    const dayStart = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`);
    const before: Book = { cash: options.startingEquityUsd, orders: new Map(), held: new Map() };
    const fills = (await options.store.listOrders())
      .filter((r) => r.mode === 'simulated' && r.filledQty > 0 && r.filledAvgPrice !== null && Date.parse(r.updatedAt) < dayStart)
      .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.clientOrderId.localeCompare(b.clientOrderId));
    for (const record of fills) applyFill(before, record, record.filledQty, record.filledAvgPrice ?? 0, record.fees);
    return equityOf(before);
  };

  const fill = (b: Book, request: OrderRequest, reference: number): BrokerOrder => {
    const slip = (options.slippageBps / 10_000) * reference;
    const price = round(request.side === 'buy' ? reference + slip : reference - slip);
    const fees = round((options.feeBps[classOf(request.symbol)] / 10_000) * price * request.qty, 6);
    const at = options.now().toISOString();
    const order: BrokerOrder = {
      ...resting(request, at),
      status: 'filled',
      filledQty: request.qty,
      filledAvgPrice: price,
      filledAt: at,
      fees,
    };
    applyFill(b, order, request.qty, price, fees);
    return order;
  };

  return {
    mode: 'simulated',
    account: async (asOf) => {
      const b = await load();
      const equity = equityOf(b);
      return {
        equity,
        lastEquity: await equityAtDayStart(asOf ?? options.now().toISOString()),
        cash: round(b.cash, 6),
        buyingPower: round(b.cash, 6),
        nonMarginableBuyingPower: round(b.cash, 6),
        tradingBlocked: false,
        accountBlocked: false,
      };
    },
    asset: async (symbol): Promise<TradingAsset> => {
      const crypto = symbol.includes('/');
      return {
        symbol,
        assetClass: crypto ? 'CRYPTO' : 'EQUITY',
        tradable: true,
        fractionable: true,
        minOrderSize: crypto ? 0.0001 : 1,
        minTradeIncrement: crypto ? 0.0001 : 1,
        priceIncrement: 0.01,
      };
    },
    submit: async (request) => {
      const b = await load();
      const existing = b.orders.get(request.clientOrderId);
      if (existing !== undefined) return existing;
      let order: BrokerOrder;
      if (request.type === 'market') {
        if (request.referencePrice === undefined)
          throw new BrokerError('submit', 422, 'the simulated broker needs a reference price for a market order', false);
        if (request.side === 'sell') {
          const held = b.held.get(positionSymbol(request.symbol))?.qty ?? 0;
          if (request.qty > held + 1e-12)
            throw new BrokerError(
              'submit',
              403,
              `insufficient qty available for order (requested: ${request.qty}, available: ${held})`,
              false,
            );
        }
        order = fill(b, request, request.referencePrice);
        if (request.orderClass === 'bracket') {
          const at = order.submittedAt ?? options.now().toISOString();
          const legs = [
            {
              ...resting(
                {
                  ...request,
                  clientOrderId: `${request.clientOrderId}:tp`,
                  side: 'sell',
                  type: 'limit',
                  limitPrice: request.takeProfit?.limitPrice,
                },
                at,
              ),
              orderClass: 'bracket',
            },
            {
              ...resting(
                {
                  ...request,
                  clientOrderId: `${request.clientOrderId}:sl`,
                  side: 'sell',
                  type: 'stop',
                  stopPrice: request.stopLoss?.stopPrice,
                },
                at,
              ),
              orderClass: 'bracket',
            },
          ];
          for (const leg of legs) b.orders.set(leg.clientOrderId, leg);
          order = { ...order, orderClass: 'bracket', legs };
        }
      } else {
        order = resting(request, options.now().toISOString());
      }
      b.orders.set(order.clientOrderId, order);
      return order;
    },
    orderByClientId: async (id) => (await load()).orders.get(id) ?? null,
    order: async (orderId) => [...(await load()).orders.values()].find((o) => o.id === orderId) ?? null,
    openOrders: async () => [...(await load()).orders.values()].filter(isOpenOrder),
    replace: async (orderId, changes: OrderChanges) => {
      const b = await load();
      const old = [...b.orders.values()].find((o) => o.id === orderId);
      if (old === undefined || !isOpenOrder(old)) throw new BrokerError('replace', 422, 'order is not open', false);
      const next: BrokerOrder = {
        ...old,
        id: uuidv5(`${old.id}|replaced|${JSON.stringify(changes)}`, ID_NAMESPACE),
        qty: changes.qty ?? old.qty,
        stopPrice: changes.stopPrice ?? old.stopPrice,
        limitPrice: changes.limitPrice ?? old.limitPrice,
        replaces: old.id,
      };
      b.orders.set(old.clientOrderId, next);
      return next;
    },
    cancel: async (orderId) => {
      const b = await load();
      const order = [...b.orders.values()].find((o) => o.id === orderId);
      if (order === undefined || !isOpenOrder(order)) return 'not-cancelable';
      b.orders.set(order.clientOrderId, { ...order, status: 'canceled' });
      return 'canceled';
    },
    positions: async () => {
      const b = await load();
      const selling = (symbol: string) =>
        [...b.orders.values()]
          .filter((o) => o.side === 'sell' && isOpenOrder(o) && positionSymbol(o.symbol) === symbol)
          .reduce((sum, o) => sum + o.qty - o.filledQty, 0);
      return [...b.held.entries()]
        .filter(([, h]) => h.qty > 1e-12)
        .map(([symbol, h]): BrokerPosition => ({
          symbol,
          assetClass: h.assetClass,
          qty: round(h.qty),
          qtyAvailable: round(Math.max(0, h.qty - selling(symbol))),
          avgEntryPrice: round(h.cost / h.qty),
          currentPrice: h.last,
          marketValue: round(h.qty * h.last, 6),
        }));
    },
    // The simulated broker charges its fees in dollars on each fill (SIM_FEE_BPS_*), never in the coin.
    cryptoFees: async () => [],
    closePosition: async (symbol, qty, referencePrice) => {
      const b = await load();
      const held = b.held.get(positionSymbol(symbol));
      if (held === undefined || held.qty <= 1e-12) return null;
      const request: OrderRequest = {
        clientOrderId: `sim-close-${positionSymbol(symbol)}-${options.now().toISOString()}`,
        symbol,
        side: 'sell',
        type: 'market',
        timeInForce: 'gtc',
        qty: qty ?? round(held.qty),
      };
      const order = fill(b, request, referencePrice ?? held.last);
      b.orders.set(order.clientOrderId, order);
      return order;
    },
  };
}

function equityOf(book: Book): number {
  return round(book.cash + [...book.held.values()].reduce((sum, h) => sum + h.qty * h.last, 0), 6);
}

function resting(request: OrderRequest, at: string): BrokerOrder {
  return {
    id: uuidv5(`sim|${request.clientOrderId}`, ID_NAMESPACE),
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    status: 'new',
    qty: request.qty,
    filledQty: 0,
    filledAvgPrice: null,
    limitPrice: request.limitPrice ?? null,
    stopPrice: request.stopPrice ?? null,
    orderClass: request.orderClass === 'bracket' ? 'bracket' : '',
    legs: [],
    submittedAt: at,
    filledAt: null,
    replaces: null,
    fees: 0,
  };
}

function applyFill(book: Book, order: Pick<BrokerOrder, 'symbol' | 'side'>, qty: number, price: number, fees: number): void {
  const key = positionSymbol(order.symbol);
  const held = book.held.get(key) ?? { qty: 0, cost: 0, last: price, assetClass: classOf(order.symbol) };
  if (order.side === 'buy') {
    held.qty += qty;
    held.cost += qty * price;
    book.cash -= qty * price + fees;
  } else {
    const average = held.qty > 0 ? held.cost / held.qty : price;
    held.cost -= average * Math.min(qty, held.qty);
    held.qty -= qty;
    book.cash += qty * price - fees;
  }
  held.last = price;
  book.held.set(key, held);
}
