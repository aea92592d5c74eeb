import type { AssetClass } from '../domain/bar.js';
import type { Logger } from '../log/logger.js';
import type { Throttle } from '../throttle/throttle.js';
import { createAlpacaApis } from './alpaca-apis.js';
import { createAssetDirectory } from './alpaca-assets.js';
import { scanClass } from './alpaca-class-scan.js';
import type { ClassBars } from './alpaca-class-scan.js';
import { createAlpacaFetch } from './alpaca-fetch.js';
import type { AlpacaFetchOptions } from './alpaca-fetch.js';
import type { BarLedger } from './bar-ledger.js';
import { createAlpacaEquityCalendar } from './calendar/alpaca-calendar.js';
import type { SessionCalendarCache } from './calendar/session-calendar-cache.port.js';
import type { BarsRequest, MarketDataSource, SymbolBars } from './market-data-source.port.js';

/** Everything the Alpaca source needs; `retry` tunes the transport (tests inject `sleep`, `random`, `now`). */
export interface AlpacaSourceOptions {
  readonly keyId: string;
  readonly secretKey: string;
  readonly dataBaseUrl: string;
  readonly tradingBaseUrl: string;
  /** Stock feed: `iex` (free) or `sip` (paid). */
  readonly feed: 'iex' | 'sip';
  /** The process-wide throttle every Alpaca call of this instance goes through. */
  readonly throttle: Pick<Throttle, 'acquire'>;
  readonly logger: Logger;
  /** Remembers bars between scans so a warm scan asks only for the newest ones. */
  readonly ledger?: BarLedger;
  /** Remembers Alpaca's equity calendar between instances. */
  readonly calendarCache?: SessionCalendarCache;
  readonly now?: () => Date;
  readonly retry?: Omit<AlpacaFetchOptions, 'throttle' | 'logger'>;
}

const CLASSES: readonly AssetClass[] = ['CRYPTO', 'EQUITY'];

/**
 * Market data from Alpaca through its SDK: asset validation (cached per instance), then per asset class one
 * multi-symbol request chain at 10,000 bars a page (two with a ledger: cold and warm symbols), closed bars only.
 * Results follow the request order; a symbol Alpaca does not trade, or whose data is bad or missing, becomes a
 * problem for that symbol and never stops the scan.
 */
export function createAlpacaSource(options: AlpacaSourceOptions): MarketDataSource {
  const { logger, now = () => new Date() } = options;
  const stats = { attempts: 0 };
  const fetchApi = createAlpacaFetch({ ...options.retry, throttle: options.throttle, logger, stats });
  const apis = createAlpacaApis({ ...options, fetchApi });
  const directory = createAssetDirectory(apis.assets, logger);
  const deps = { apis, stock: { feed: options.feed }, logger, ledger: options.ledger, now };
  const sessions = createAlpacaEquityCalendar({ api: apis.calendar, cache: options.calendarCache, logger, now });

  return {
    async closedBars(request: BarsRequest): Promise<SymbolBars[]> {
      const startedAt = Date.now();
      const attemptsBefore = stats.attempts;
      const checks = await directory.check(request.symbols);
      const byClass = new Map<AssetClass, Set<string>>(CLASSES.map((assetClass) => [assetClass, new Set<string>()]));
      for (const check of checks) if ('symbol' in check) byClass.get(check.assetClass)?.add(check.symbol);
      const scanned = new Map<AssetClass, ClassBars>();
      await Promise.all(
        CLASSES.map(async (assetClass) => {
          const symbols = [...(byClass.get(assetClass) ?? [])];
          if (symbols.length === 0) return;
          // Equity bars close at their session's close: Alpaca's calendar knows the early and unscheduled ones.
          const calendar = assetClass === 'EQUITY' ? await sessions.calendarFor(request.asOf) : undefined;
          scanned.set(assetClass, await scanClass({ ...deps, ...(calendar ? { calendar } : {}) }, assetClass, symbols, request));
        }),
      );
      const results = checks.map((check): SymbolBars => {
        if ('problem' in check) return { symbol: check.requested, problem: check.problem };
        const bars = scanned.get(check.assetClass)?.get(check.symbol) ?? { problem: `no bars for ${check.symbol}` };
        if ('problem' in bars) return { symbol: check.symbol, ...bars };
        return { symbol: check.symbol, assetClass: check.assetClass, bars };
      });
      const problems = results.filter((result) => 'problem' in result).length;
      logger.info('Alpaca bars fetched', {
        event: 'alpaca.scan',
        requests: stats.attempts - attemptsBefore,
        timeframe: request.timeframe,
        asOf: request.asOf.toISOString(),
        symbols: request.symbols.length,
        problems,
        durationMs: Date.now() - startedAt,
      });
      return results;
    },
  };
}
