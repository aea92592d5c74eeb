import { pagination } from '@alpacahq/alpaca-trade-api/rest';
import { z } from 'zod';
import type { AssetClass, Bar, Timeframe } from '../domain/bar.js';
import type { AlpacaApis } from './alpaca-apis.js';
import { describeFailure, isTransientFailure } from './alpaca-failure.js';
import { sdkTimeframe } from './alpaca-lookback.js';
import { mergeBars } from './bar-ledger.js';

/** Alpaca's largest page: `limit` counts data points across all symbols of the request. */
export const ALPACA_MAX_PAGE = 10_000;

/** One multi-symbol request chain: every symbol of one asset class over one time range (both ends inclusive). */
export interface BarsBatch {
  readonly assetClass: AssetClass;
  /** Alpaca's spelling (`BTC/USD`, `SPY`). */
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly start: Date;
  readonly end: Date;
}

/**
 * A symbol's bars (ascending, unique times) or why it has none; a batch that failed gives its reason, and whether
 * the failure may pass (`transient`: network, 429, 5xx).
 */
export type BatchBars =
  | { readonly bars: ReadonlyMap<string, Bar[] | { readonly problem: string }> }
  | { readonly problem: string; readonly transient: boolean };

/** Stock data options: the feed (`iex` free, `sip` paid); prices are always split-adjusted. */
export interface StockFeed {
  readonly feed: 'iex' | 'sip';
}

// The SDK hands the symbol-keyed map over verbatim, so `t` arrives as the wire's RFC-3339 string whatever its type says.
const WireBar = z.object({
  t: z.union([z.string(), z.date()]).transform((t) => (typeof t === 'string' ? Date.parse(t) : t.getTime())),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number().min(0),
});

/**
 * Fetches one batch through the SDK's own page-token walker (`pagination.collectBySymbol`) at Alpaca's maximum
 * page size, so a batch costs `ceil(points / 10,000)` requests. A failure (after the transport's retries) or an
 * unreadable body fails the batch, never the caller; one symbol's malformed bars fail that symbol only.
 */
export async function fetchBatch(apis: AlpacaApis, stock: StockFeed, batch: BarsBatch): Promise<BatchBars> {
  const common = {
    symbols: batch.symbols.join(','),
    timeframe: sdkTimeframe(batch.timeframe),
    start: batch.start,
    end: batch.end,
    limit: ALPACA_MAX_PAGE,
    sort: 'asc' as const,
  };
  const page =
    batch.assetClass === 'CRYPTO'
      ? (pageToken?: string) => apis.crypto.cryptoBars({ ...common, loc: 'us', pageToken })
      : (pageToken?: string) => apis.stocks.stockBars({ ...common, feed: stock.feed, adjustment: 'split', pageToken });
  let wire: Record<string, unknown[]>;
  try {
    wire = await pagination.collectBySymbol<unknown>((pageToken) =>
      page(pageToken).then((response) => ({ data: response.bars ?? {}, nextPageToken: response.nextPageToken })),
    );
  } catch (error) {
    return {
      problem: `Alpaca ${batch.assetClass === 'CRYPTO' ? 'crypto' : 'stock'} bars request failed: ${describeFailure(error)}`,
      transient: isTransientFailure(error),
    };
  }
  const bars = new Map<string, Bar[] | { problem: string }>();
  for (const symbol of batch.symbols) {
    const series = Object.hasOwn(wire, symbol) ? wire[symbol] : undefined;
    bars.set(
      symbol,
      series === undefined ? { problem: `Alpaca returned no ${batch.timeframe} bars for ${symbol}` } : toBars(symbol, series),
    );
  }
  return { bars };
}

/** Wire bars as our `Bar`s, ascending without duplicate times; the first malformed bar names itself. */
function toBars(symbol: string, series: readonly unknown[]): Bar[] | { problem: string } {
  const bars: Bar[] = [];
  for (const [index, raw] of series.entries()) {
    const parsed = WireBar.safeParse(raw);
    if (!parsed.success || Number.isNaN(parsed.data.t)) {
      const field = parsed.success ? 't' : parsed.error.issues[0].path.join('.');
      return { problem: `Alpaca bar ${index} of ${symbol} is malformed (field "${field}")` };
    }
    const { t, o, h, l, c, v } = parsed.data;
    bars.push({ timestamp: isoSeconds(t), open: o, high: h, low: l, close: c, volume: v });
  }
  return mergeBars([], bars);
}

/** `2024-03-04T00:00:00Z`: the timestamp style of the bundled bars and of `barCloseTime`. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
