import type { AssetClass, Bar } from '../domain/bar.js';
import { closedBars } from '../domain/sessions/bar-close.js';
import type { EquityCalendar } from '../domain/sessions/equity-calendar.js';
import type { Logger } from '../log/logger.js';
import type { BarLedgerEntry } from '../store/store.port.js';
import type { AlpacaApis } from './alpaca-apis.js';
import { fetchBatch } from './alpaca-bars.js';
import type { BarsBatch, StockFeed } from './alpaca-bars.js';
import { lookbackStart } from './alpaca-lookback.js';
import { ledgerWindow, mergeBars, warmStart } from './bar-ledger.js';
import type { BarLedger } from './bar-ledger.js';
import type { BarsRequest } from './market-data-source.port.js';
import { splitForUrl } from './symbol-batches.js';

/** What one asset class's scan needs. */
export interface ClassScanDeps {
  readonly apis: AlpacaApis;
  readonly stock: StockFeed;
  readonly logger: Pick<Logger, 'warn'>;
  readonly ledger?: BarLedger;
  readonly now: () => Date;
  /** The equity sessions (Alpaca's calendar over the bundled rules); the bundled rules when absent. */
  readonly calendar?: EquityCalendar;
}

/** Per Alpaca symbol: its closed bars (the newest `lookbackBars`) or why there are none. */
export type ClassBars = Map<string, Bar[] | { readonly problem: string; readonly transient?: boolean }>;

/**
 * Scans the symbols of one asset class in two kinds of request chain: symbols without a usable ledger from the
 * full lookback, symbols with one from the earliest of their `warmStart`s; each kind is one chain unless its
 * symbols do not fit one request URL (symbol-batches.ts), then one chain per run that fits. Merges fresh bars over ledgered ones,
 * keeps the closed ones, and writes each symbol's ledger back. Ledger reads and writes are a cache: one that
 * fails is logged and the scan goes on without it.
 */
export async function scanClass(
  deps: ClassScanDeps,
  assetClass: AssetClass,
  symbols: readonly string[],
  request: BarsRequest,
): Promise<ClassBars> {
  const { timeframe, asOf, lookbackBars } = request;
  const coldStart = lookbackStart(asOf, timeframe, assetClass, lookbackBars);
  const ledgered = await readLedgers(deps, symbols, request);
  const cold: string[] = [];
  const warm: string[] = [];
  let warmFrom = Infinity;
  for (const symbol of symbols) {
    const start = warmStart(ledgered.get(symbol) ?? null, lookbackBars, coldStart, asOf);
    if (start === undefined) cold.push(symbol);
    else {
      warm.push(symbol);
      warmFrom = Math.min(warmFrom, start.getTime());
    }
  }
  const batch = (list: string[], start: Date): BarsBatch => ({ assetClass, symbols: list, timeframe, start, end: asOf });
  const batches = [
    ...splitForUrl(cold).map((run) => batch(run, coldStart)),
    ...splitForUrl(warm).map((run) => batch(run, new Date(warmFrom))),
  ];

  const out: ClassBars = new Map();
  const writes: Promise<void>[] = [];
  const ledgerUntil = new Date(Math.max(asOf.getTime(), deps.now().getTime()));
  for (const current of batches) {
    const fetched = await fetchBatch(deps.apis, deps.stock, current);
    for (const symbol of current.symbols) {
      const fresh = 'problem' in fetched ? fetched : (fetched.bars.get(symbol) ?? { problem: `no bars for ${symbol}` });
      if ('problem' in fresh) {
        out.set(symbol, fresh);
        continue;
      }
      const merged = mergeBars(ledgered.get(symbol)?.bars ?? [], fresh);
      const closed = closedBars(merged, timeframe, assetClass, asOf, deps.calendar);
      out.set(
        symbol,
        closed.length > 0
          ? closed.slice(Math.max(0, closed.length - lookbackBars))
          : { problem: `no ${timeframe} bar of ${symbol} closed by ${asOf.toISOString()}` },
      );
      if (deps.ledger !== undefined)
        writes.push(
          writeLedger(
            deps,
            symbol,
            request,
            ledgerWindow(closedBars(merged, timeframe, assetClass, ledgerUntil, deps.calendar), lookbackBars),
          ),
        );
    }
  }
  await Promise.all(writes);
  return out;
}

async function readLedgers(
  deps: ClassScanDeps,
  symbols: readonly string[],
  request: BarsRequest,
): Promise<Map<string, BarLedgerEntry>> {
  const entries = new Map<string, BarLedgerEntry>();
  const { ledger } = deps;
  if (ledger === undefined) return entries;
  await Promise.all(
    symbols.map(async (symbol) => {
      try {
        const entry = await ledger.getBarLedger(symbol, request.timeframe);
        if (entry !== null) entries.set(symbol, entry);
      } catch (error) {
        deps.logger.warn('bar ledger unreadable: fetching the full lookback', {
          symbol,
          timeframe: request.timeframe,
          error: String(error),
        });
      }
    }),
  );
  return entries;
}

async function writeLedger(deps: ClassScanDeps, symbol: string, request: BarsRequest, bars: Bar[]): Promise<void> {
  try {
    await deps.ledger?.putBarLedger(symbol, request.timeframe, bars, deps.now().toISOString());
  } catch (error) {
    deps.logger.warn('bar ledger not written', { symbol, timeframe: request.timeframe, error: String(error) });
  }
}
