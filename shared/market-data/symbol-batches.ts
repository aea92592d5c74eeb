/**
 * The longest `symbols` query value one bars request carries, percent-encoded as the SDK sends it (`BTC/USD,ETH/USD`
 * → `BTC%2FUSD%2CETH%2FUSD`). Alpaca publishes no URL limit; common front ends refuse request lines over 8 KiB, so
 * this keeps the whole URL (path, timeframe, start, end, limit, page token) well under that.
 */
export const MAX_SYMBOLS_QUERY_CHARS = 6_000;

/** The length of `symbols` once joined with commas and percent-encoded. */
export function encodedSymbolsLength(symbols: readonly string[]): number {
  return encodeURIComponent(symbols.join(',')).length;
}

/**
 * Splits a symbol list, in order, into the fewest consecutive runs whose encoded `symbols` value fits
 * `maxChars`, so each run is one request URL of acceptable length. A lone symbol longer than that still gets its own run.
 */
export function splitForUrl(symbols: readonly string[], maxChars: number = MAX_SYMBOLS_QUERY_CHARS): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let length = 0;
  for (const symbol of symbols) {
    const cost = encodeURIComponent(symbol).length;
    // A comma between two symbols is encoded as `%2C`.
    if (run.length > 0 && length + 3 + cost > maxChars) {
      runs.push(run);
      run = [];
    }
    length = run.length === 0 ? cost : length + 3 + cost;
    run.push(symbol);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
