import type { BrokerOrder, BrokerPosition, CryptoFee, OrderRequest, TradingAccount, TradingAsset } from './trading-types.js';
import type { ExecutionMode } from './trade-records.js';

/** Changes to a working order (Alpaca PATCH: a new order replaces it). */
export interface OrderChanges {
  readonly qty?: number;
  readonly stopPrice?: number;
  readonly limitPrice?: number;
}

/**
 * Where orders go: Alpaca's paper account, or the simulated broker. Every order carries a client order id, and
 * `submit` is idempotent on it: a duplicate is looked up and returned, never sent twice.
 */
export interface Broker {
  readonly mode: ExecutionMode;
  /**
   * The account; `asOf` is the time of the decision it serves (the event's), which the simulated broker takes as its
   * clock for `lastEquity` (Alpaca's paper account has its own).
   */
  account(asOf?: string): Promise<TradingAccount>;
  /** The asset's trading rules, or null when the broker does not list it. */
  asset(symbol: string): Promise<TradingAsset | null>;
  /** Sends the order unless one with its client order id exists (then that one is returned). */
  submit(request: OrderRequest): Promise<BrokerOrder>;
  /** The order with this client order id (nested legs included), or null when the broker has none. */
  orderByClientId(clientOrderId: string): Promise<BrokerOrder | null>;
  /** The order with this broker id (legs nested), or null when unknown. */
  order(orderId: string): Promise<BrokerOrder | null>;
  /** Open orders (legs nested). */
  openOrders(): Promise<BrokerOrder[]>;
  replace(orderId: string, changes: OrderChanges, referencePrice?: number): Promise<BrokerOrder>;
  /** `not-cancelable`: already filled, canceled or gone. */
  cancel(orderId: string): Promise<'canceled' | 'not-cancelable'>;
  positions(): Promise<BrokerPosition[]>;
  /**
   * `DELETE /v2/positions/{symbol}`: sells `qty` of the position (all of it when absent); null when the broker holds
   * none. Not idempotent (no client order id): only the kill switch's close-all uses it; a signal's exit is a
   * market sell with its own client order id.
   */
  closePosition(symbol: string, qty?: number, referencePrice?: number): Promise<BrokerOrder | null>;
  /** Crypto fees charged in the coin since `after` (an ISO instant): Alpaca's CFEE activities, oldest first. */
  cryptoFees(after: string): Promise<CryptoFee[]>;
}

/** A broker call that failed for a reason worth retrying (network, 429, 5xx) or not (403, 422). */
export class BrokerError extends Error {
  override name = 'BrokerError';
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    message: string,
    readonly retryable: boolean,
  ) {
    super(`${operation}: ${message}`);
  }
}
