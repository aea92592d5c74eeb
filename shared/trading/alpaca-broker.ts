import { trading, errors } from '@alpacahq/alpaca-trade-api/rest';
import type { AssetClass } from '../domain/bar.js';
import type { Logger } from '../log/logger.js';
import { createAlpacaFetch } from '../market-data/alpaca-fetch.js';
import type { Throttle } from '../throttle/throttle.js';
import { BrokerError } from './broker.port.js';
import type { Broker, OrderChanges } from './broker.port.js';
import type { BrokerOrder, BrokerPosition, CryptoFee, OrderRequest, TradingAccount, TradingAsset } from './trading-types.js';
import { positionSymbol } from './trading-types.js';

/** Where and as whom the trading SDK talks to Alpaca. */
export interface AlpacaBrokerOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /** Paper root (or a loopback / allow-listed test server); configuration has refused live hosts. */
  readonly tradingBaseUrl: string;
  /** The trading API's own budget (200/min per account), apart from market data's. */
  readonly throttle: Pick<Throttle, 'acquire'>;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DUPLICATE = /client[_ ]order[_ ]id must be unique/i;

const num = (value: string | number | null | undefined): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};
const iso = (value: Date | null | undefined): string | null =>
  value === undefined || value === null || Number.isNaN(value.getTime()) ? null : value.toISOString();
const price = (value: number | undefined): string | undefined => (value === undefined ? undefined : String(value));

function orderOf(order: trading.Order | trading.OrderLeg): BrokerOrder {
  const o = order as trading.Order;
  return {
    id: o.id ?? '',
    clientOrderId: o.clientOrderId ?? '',
    symbol: o.symbol ?? '',
    side: o.side === 'sell' ? 'sell' : 'buy',
    type: String(o.type ?? o.orderType ?? ''),
    status: String(o.status ?? ''),
    qty: num(o.qty) ?? 0,
    filledQty: num(o.filledQty) ?? 0,
    filledAvgPrice: num(o.filledAvgPrice),
    limitPrice: num(o.limitPrice),
    stopPrice: num(o.stopPrice),
    orderClass: String(o.orderClass ?? ''),
    legs: (o.legs ?? []).map(orderOf),
    submittedAt: iso(o.submittedAt),
    filledAt: iso(o.filledAt),
    replaces: o.replaces ?? null,
  };
}

/** Alpaca's answer as a BrokerError: 429 and 5xx are worth a retry (after a look-up), 4xx are not. */
function brokerError(operation: string, error: unknown): BrokerError {
  if (error instanceof errors.ApiError) {
    const retryable = error.status === 429 || error.status >= 500;
    return new BrokerError(operation, error.status, `HTTP ${error.status} ${String(error.message).slice(0, 200)}`, retryable);
  }
  if (error instanceof errors.FetchError) return new BrokerError(operation, undefined, 'network error', true);
  return new BrokerError(operation, undefined, error instanceof Error ? error.message : String(error), true);
}

/** A CFEE activity as a fee in the coin; anything else (or a fee without coin or price) is not one. */
function cryptoFeeOf(activity: trading.GetAccountActivities200ResponseInner): CryptoFee | null {
  if (String(activity.activityType) !== 'CFEE' || activity.id === undefined || activity.symbol === undefined) return null;
  const qty = Math.abs(num(activity.qty) ?? 0);
  const price = num(activity.price);
  if (!(qty > 0) || price === null) return null;
  const day = activity.date instanceof Date && !Number.isNaN(activity.date.getTime()) ? activity.date : null;
  return {
    id: activity.id,
    symbol: positionSymbol(activity.symbol),
    date: (day ?? new Date(0)).toISOString().slice(0, 10),
    qty,
    price,
    usd: Number((qty * price).toFixed(6)),
  };
}

const CLASS: Record<AssetClass, trading.GetV2AssetsRequest['assetClass']> = { CRYPTO: 'crypto', EQUITY: 'us_equity' };

/**
 * The broker on Alpaca's trading API through `@alpacahq/alpaca-trade-api`'s generated APIs, on the shared transport
 * (throttled; GETs retried on 429/5xx honouring Retry-After; POST, PATCH and DELETE never retried blindly): a
 * submit whose answer is lost or refused as a duplicate is resolved by `GET /v2/orders:by_client_order_id`.
 */
export function createAlpacaBroker(options: AlpacaBrokerOptions): Broker {
  const fetchApi = createAlpacaFetch({
    throttle: options.throttle,
    logger: options.logger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const config = new trading.Configuration({
    keyId: options.keyId,
    secret: options.secretKey,
    fetchApi,
    timeoutMs: 0,
    basePath: options.tradingBaseUrl.replace(/\/+$/, '').replace(/\/v2$/, ''),
  });
  const orders = new trading.OrdersApi(config);
  const positions = new trading.PositionsApi(config);
  const accounts = new trading.AccountsApi(config);
  const assets = new trading.AssetsApi(config);
  const activities = new trading.AccountActivitiesApi(config);
  const assetLists = new Map<AssetClass, Promise<trading.Assets[]>>();

  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw brokerError(operation, error);
    }
  };
  const orderByClientId = async (clientOrderId: string): Promise<BrokerOrder | null> => {
    try {
      return orderOf(await orders.getOrderByClientOrderId({ clientOrderId }));
    } catch (error) {
      if (error instanceof errors.ApiError && error.status === 404) return null;
      throw brokerError('order by client id', error);
    }
  };

  return {
    mode: 'alpaca',
    account: () =>
      call('account', async () => {
        const a = await accounts.getAccount();
        const n = (value: string | undefined) => num(value) ?? Number.NaN;
        const account: TradingAccount = {
          equity: n(a.equity),
          lastEquity: n(a.lastEquity),
          cash: n(a.cash),
          buyingPower: n(a.buyingPower),
          nonMarginableBuyingPower: n(a.nonMarginableBuyingPower),
          tradingBlocked: a.tradingBlocked === true || a.tradeSuspendedByUser === true,
          accountBlocked: a.accountBlocked === true || String(a.status) !== 'ACTIVE',
        };
        return account;
      }),
    asset: async (symbol) => {
      const assetClass: AssetClass = symbol.includes('/') ? 'CRYPTO' : 'EQUITY';
      let list = assetLists.get(assetClass);
      if (list === undefined) {
        list = call('assets', () => assets.getV2Assets({ assetClass: CLASS[assetClass], status: 'active' }));
        assetLists.set(assetClass, list);
        list.catch(() => assetLists.delete(assetClass));
      }
      const found = (await list).find((a) => positionSymbol(a.symbol) === positionSymbol(symbol));
      if (found === undefined) return null;
      const asset: TradingAsset = {
        symbol: found.symbol,
        assetClass,
        tradable: found.tradable && String(found.status) === 'active',
        fractionable: found.fractionable,
        minOrderSize: num(found.minOrderSize) ?? 0,
        minTradeIncrement: num(found.minTradeIncrement) ?? (assetClass === 'EQUITY' ? 1 : 0),
        priceIncrement: num(found.priceIncrement) ?? 0.01,
      };
      return asset;
    },
    submit: async (request: OrderRequest) => {
      const body: trading.PostOrderRequest = {
        symbol: request.symbol,
        qty: String(request.qty),
        side: request.side,
        type: request.type,
        timeInForce: request.timeInForce,
        clientOrderId: request.clientOrderId,
        ...(request.limitPrice === undefined ? {} : { limitPrice: price(request.limitPrice) }),
        ...(request.stopPrice === undefined ? {} : { stopPrice: price(request.stopPrice) }),
        ...(request.orderClass === 'bracket'
          ? {
              orderClass: 'bracket',
              takeProfit: { limitPrice: price(request.takeProfit?.limitPrice) },
              stopLoss: {
                stopPrice: price(request.stopLoss?.stopPrice),
                ...(request.stopLoss?.limitPrice === undefined ? {} : { limitPrice: price(request.stopLoss.limitPrice) }),
              },
            }
          : {}),
      } as trading.PostOrderRequest;
      try {
        return orderOf(await orders.postOrder({ postOrderRequest: body }));
      } catch (error) {
        // A duplicate client order id means an earlier attempt got through: that order is the answer.
        if (error instanceof errors.ApiError && error.status === 422 && DUPLICATE.test(String(error.message))) {
          const existing = await orderByClientId(request.clientOrderId);
          if (existing !== null) return existing;
        }
        throw brokerError('submit', error);
      }
    },
    orderByClientId,
    order: async (orderId) => {
      try {
        return orderOf(await orders.getOrderByOrderID({ orderId, nested: true }));
      } catch (error) {
        if (error instanceof errors.ApiError && error.status === 404) return null;
        throw brokerError('order', error);
      }
    },
    openOrders: () =>
      call('open orders', async () => (await orders.getAllOrders({ status: 'open', nested: true, limit: 500 })).map(orderOf)),
    replace: (orderId: string, changes: OrderChanges) =>
      call('replace', async () =>
        orderOf(
          await orders.patchOrderByOrderId({
            orderId,
            patchOrderRequest: {
              ...(changes.qty === undefined ? {} : { qty: String(changes.qty) }),
              ...(changes.stopPrice === undefined ? {} : { stopPrice: String(changes.stopPrice) }),
              ...(changes.limitPrice === undefined ? {} : { limitPrice: String(changes.limitPrice) }),
            },
          }),
        ),
      ),
    cancel: async (orderId) => {
      try {
        await orders.deleteOrderByOrderID({ orderId });
        return 'canceled';
      } catch (error) {
        if (error instanceof errors.ApiError && (error.status === 422 || error.status === 404)) return 'not-cancelable';
        throw brokerError('cancel', error);
      }
    },
    positions: () =>
      call('positions', async () =>
        (await positions.getAllOpenPositions()).map((p): BrokerPosition => ({
          symbol: p.symbol,
          assetClass: String(p.assetClass) === 'crypto' ? 'CRYPTO' : 'EQUITY',
          qty: num(p.qty) ?? 0,
          qtyAvailable: num(p.qtyAvailable) ?? num(p.qty) ?? 0,
          avgEntryPrice: num(p.avgEntryPrice) ?? 0,
          currentPrice: num(p.currentPrice),
          marketValue: num(p.marketValue),
        })),
      ),
    cryptoFees: (after) =>
      call('crypto fees', async () => {
        const fees: CryptoFee[] = [];
        let pageToken: string | undefined;
        // Pages of 100, oldest first; the token is the id of the last activity of the page before.
        for (;;) {
          const page = await activities.getAccountActivities({
            activityTypes: ['CFEE'],
            after: new Date(after),
            direction: 'asc',
            pageSize: 100,
            ...(pageToken === undefined ? {} : { pageToken }),
          });
          for (const activity of page) {
            const fee = cryptoFeeOf(activity);
            if (fee !== null) fees.push(fee);
          }
          const last = page.at(-1)?.id;
          if (page.length < 100 || last === undefined) return fees;
          // A page that ends where the one before did would be asked for again and again.
          if (last === pageToken) throw new Error(`Alpaca answered the activities after ${last} with the same page`);
          pageToken = last;
        }
      }),
    closePosition: async (symbol, qty) => {
      try {
        const order = await positions.deleteOpenPosition({
          symbolOrAssetId: positionSymbol(symbol),
          ...(qty === undefined ? {} : { qty }),
        });
        return orderOf(order);
      } catch (error) {
        if (error instanceof errors.ApiError && error.status === 404) return null;
        throw brokerError('close position', error);
      }
    },
  };
}
