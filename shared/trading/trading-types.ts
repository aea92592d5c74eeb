import type { AssetClass } from '../domain/bar.js';

/** What sizing needs to know of an asset (Alpaca `/v2/assets/{symbol}`; numbers parsed from its strings). */
export interface TradingAsset {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly tradable: boolean;
  readonly fractionable: boolean;
  /** Smallest quantity of one order (crypto); 1 share for whole-share equities, 0 when unset. */
  readonly minOrderSize: number;
  /** Quantities are multiples of this (crypto); 1 for whole shares. */
  readonly minTradeIncrement: number;
  readonly priceIncrement: number;
}

/** The account fields the gates read (Alpaca `/v2/account`). */
export interface TradingAccount {
  readonly equity: number;
  /** Equity at the previous trading day's close: the base of the daily drawdown. */
  readonly lastEquity: number;
  readonly cash: number;
  readonly buyingPower: number;
  /** What crypto orders are checked against. */
  readonly nonMarginableBuyingPower: number;
  readonly tradingBlocked: boolean;
  readonly accountBlocked: boolean;
}

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit';
export type TimeInForce = 'day' | 'gtc' | 'ioc';

/** One order as we send it; `clientOrderId` makes it idempotent (see client-order-id.ts). */
export interface OrderRequest {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly qty: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  /** `bracket`: an equity entry with a take-profit limit leg and a stop-loss leg. */
  readonly orderClass?: 'simple' | 'bracket';
  readonly takeProfit?: { readonly limitPrice: number };
  readonly stopLoss?: { readonly stopPrice: number; readonly limitPrice?: number };
  /**
   * The price the simulated broker fills a market order at (next bar's open, or the lifecycle's exit price);
   * Alpaca never sees it.
   */
  readonly referencePrice?: number;
}

/** Alpaca order statuses we act on; anything else is kept as reported. */
export const OPEN_ORDER_STATUSES = [
  'new',
  'accepted',
  'pending_new',
  'partially_filled',
  'held',
  'pending_replace',
  'accepted_for_bidding',
] as const;

/** An order as the broker reports it (Alpaca's Order object, numbers parsed). */
export interface BrokerOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: string;
  readonly status: string;
  readonly qty: number;
  readonly filledQty: number;
  readonly filledAvgPrice: number | null;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly orderClass: string;
  /** Bracket children (take-profit, stop-loss), when the broker nests them. */
  readonly legs: readonly BrokerOrder[];
  readonly submittedAt: string | null;
  readonly filledAt: string | null;
  /** The order this one replaced (PATCH gives a new order). */
  readonly replaces: string | null;
  /** Fees charged on this order's fills (the simulated broker's; Alpaca posts crypto fees at day end). */
  readonly fees?: number;
}

/** A position as the broker reports it. Crypto symbols come back without the slash (`BTCUSD`). */
export interface BrokerPosition {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly qty: number;
  /** What a new sell may take: the quantity less what open sell orders hold (Alpaca `qty_available`). */
  readonly qtyAvailable: number;
  readonly avgEntryPrice: number;
  readonly currentPrice: number | null;
  readonly marketValue: number | null;
}

/**
 * A crypto trading fee Alpaca charged in the coin received (a CFEE account activity, posted at end of day, no order
 * id): it makes the position at the broker smaller than the filled quantity.
 */
export interface CryptoFee {
  /** The activity id (`20220812000000000::53be…`): one fee is recorded once under it. */
  readonly id: string;
  /** The position symbol (`ETHUSD`). */
  readonly symbol: string;
  /** The day it was posted (`YYYY-MM-DD`). */
  readonly date: string;
  /** Coin taken, positive (the activity's `qty` is negative). */
  readonly qty: number;
  readonly price: number;
  /** qty × price. */
  readonly usd: number;
}

/** Whether an order is still working at the broker. */
export function isOpenOrder(order: Pick<BrokerOrder, 'status'>): boolean {
  return (OPEN_ORDER_STATUSES as readonly string[]).includes(order.status);
}

/** The statuses after which an order changes no more: Alpaca's final ones, and `lost` (the broker never knew it). */
export const FINAL_ORDER_STATUSES = ['filled', 'canceled', 'expired', 'replaced', 'rejected', 'lost'] as const;

/**
 * Whether the broker may still change the order, so the record is read again: every open order, and one between
 * states, such as `pending_cancel` (a cancel read back at once), which can still fill, or `done_for_day`.
 */
export function mayStillChange(order: Pick<BrokerOrder, 'status'>): boolean {
  return !(FINAL_ORDER_STATUSES as readonly string[]).includes(order.status);
}

/** The position symbol Alpaca uses: `BTC/USD` → `BTCUSD`, equities unchanged. */
export function positionSymbol(symbol: string): string {
  return symbol.replace('/', '');
}
