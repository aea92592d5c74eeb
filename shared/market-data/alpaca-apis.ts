import { marketData, trading } from '@alpacahq/alpaca-trade-api/rest';
import type { FetchLike } from './alpaca-fetch.js';

/** Where and as whom the SDK talks to Alpaca. */
export interface AlpacaApiOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /** Market-data root, e.g. `https://data.alpaca.markets` or a local server. */
  readonly dataBaseUrl: string;
  /** Trading root, e.g. `https://paper-api.alpaca.markets` (a trailing `/v2` is tolerated). */
  readonly tradingBaseUrl: string;
  /** The throttled, retrying transport (see alpaca-fetch.ts). */
  readonly fetchApi: FetchLike;
}

/** The generated SDK APIs the market data source uses. */
export interface AlpacaApis {
  readonly crypto: marketData.CryptoApi;
  readonly stocks: marketData.StockApi;
  readonly assets: trading.AssetsApi;
  /** `/v2/calendar`: the US equity sessions. */
  readonly calendar: trading.CalendarApi;
}

/**
 * The SDK's generated APIs on an explicit `basePath` (the facade has no base-URL option). Built on raw
 * `Configuration`s, whose retry and rate limiter are off unless set: our transport does both, once.
 * The SDK timeout is off too (0): it would otherwise count our throttle waits and backoff; ours is per attempt.
 */
export function createAlpacaApis(options: AlpacaApiOptions): AlpacaApis {
  const shared = { keyId: options.keyId, secret: options.secretKey, fetchApi: options.fetchApi, timeoutMs: 0 };
  const data = new marketData.Configuration({ ...shared, basePath: trimRoot(options.dataBaseUrl) });
  const trade = new trading.Configuration({ ...shared, basePath: trimRoot(options.tradingBaseUrl).replace(/\/v2$/, '') });
  return {
    crypto: new marketData.CryptoApi(data),
    stocks: new marketData.StockApi(data),
    assets: new trading.AssetsApi(trade),
    calendar: new trading.CalendarApi(trade),
  };
}

function trimRoot(url: string): string {
  return url.replace(/\/+$/, '');
}
