import { ApiError } from '@alpacahq/alpaca-trade-api/rest';
import type { Config } from '../../shared/config/index.js';
import { resolveMarketDataSource } from '../../shared/config/market-data-source.js';
import { ConfigError } from '../../shared/errors/errors.js';
import type { ConfigIssue } from '../../shared/errors/errors.js';
import type { Logger } from '../../shared/log/logger.js';
import { createAlpacaApis } from '../../shared/market-data/alpaca-apis.js';
import { describeFailure } from '../../shared/market-data/alpaca-failure.js';
import { createAlpacaFetch } from '../../shared/market-data/alpaca-fetch.js';
import type { FetchLike } from '../../shared/market-data/alpaca-fetch.js';
import { alpacaThrottleFor } from '../../shared/market-data/alpaca-instance-source.js';
import { createAlpacaSource } from '../../shared/market-data/alpaca-source.js';
import type { BarLedger } from '../../shared/market-data/bar-ledger.js';
import type { MarketDataSource } from '../../shared/market-data/market-data-source.port.js';
import { createReplaySource } from '../../shared/market-data/replay-source.js';
import type { Secrets } from '../../shared/secrets/index.js';
import type { Throttle } from '../../shared/throttle/throttle.js';

/** What the market data of a local run has cost so far: HTTP requests to Alpaca and bars received. */
export interface MarketMeter {
  requests: number;
  bars: number;
}

/** Where a local run's bars come from, and what they cost. */
export interface LocalMarketData {
  readonly kind: 'alpaca' | 'replay';
  readonly source: MarketDataSource;
  readonly meter: MarketMeter;
  /** The throttle in front of Alpaca (absent on the bundled data): the local broker's calls share it. */
  readonly throttle?: Throttle;
  /** One request with the keys: a refusal (401/403) is a `ConfigError` naming them; an unreachable Alpaca only a warning. */
  verifyKeys(): Promise<void>;
}

export interface LocalMarketDataOptions {
  readonly config: Pick<Config, 'marketData' | 'alpaca'>;
  readonly secrets: Pick<Secrets, 'alpacaCredentials' | 'has'>;
  readonly ledger: BarLedger;
  readonly log: Logger;
}

/** `config` with its market data set to the bundled replay, whatever MARKET_DATA_SOURCE and the keys say. */
export function withBundledMarketData<C extends Pick<Config, 'marketData'>>(config: C): C {
  return { ...config, marketData: { ...config.marketData, source: 'replay' as const } };
}

/** What a local run says when scans read the bundled data. */
export const REPLAY_NOTICE =
  'market data: replaying the bundled CSV bars in data/ (set ALPACA_API_KEY and ALPACA_SECRET_KEY, or MARKET_DATA_SOURCE=alpaca, for live Alpaca data)';

const KEY_NAMES = ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'] as const;

/**
 * The market data of a local run (`sentinel publish`, `sentinel run`), chosen as the deployed functions choose:
 * `MARKET_DATA_SOURCE`, else Alpaca when both keys are set, else the bundled replay. `alpaca` with a key missing is a
 * `ConfigError` naming the missing key.
 */
export function localMarketData(options: LocalMarketDataOptions): LocalMarketData {
  const { config, secrets, log } = options;
  const meter: MarketMeter = { requests: 0, bars: 0 };
  const credentials = secrets.alpacaCredentials();
  if (config.marketData.source === 'alpaca' && credentials === undefined) {
    const issues: ConfigIssue[] = KEY_NAMES.filter((name) => !secrets.has(name)).map((name) => ({
      variable: name,
      reason: 'is not set; MARKET_DATA_SOURCE=alpaca needs ALPACA_API_KEY and ALPACA_SECRET_KEY (environment or .env)',
    }));
    throw new ConfigError(issues);
  }
  if (resolveMarketDataSource(config, credentials !== undefined) === 'replay' || credentials === undefined) {
    const replay = createReplaySource();
    const source: MarketDataSource = {
      closedBars: async (request) => {
        const results = await replay.closedBars(request);
        for (const result of results) if ('bars' in result) meter.bars += result.bars.length;
        return results;
      },
    };
    return { kind: 'replay', source, meter, verifyKeys: async () => {} };
  }
  const throttle = alpacaThrottleFor(config);
  const fetch = meteredFetch(meter);
  const endpoints = {
    ...credentials,
    dataBaseUrl: config.marketData.dataBaseUrl,
    tradingBaseUrl: config.alpaca.tradingBaseUrl,
  };
  const source = createAlpacaSource({
    ...endpoints,
    feed: config.marketData.dataFeed,
    throttle,
    logger: log,
    ledger: options.ledger,
    retry: { fetch },
  });
  const verifyKeys = async (): Promise<void> => {
    const apis = createAlpacaApis({ ...endpoints, fetchApi: createAlpacaFetch({ throttle, logger: log, fetch }) });
    try {
      await apis.assets.getV2Assets({ assetClass: 'crypto' });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        const reason = `Alpaca refused the keys (${describeFailure(error)}) at ${config.alpaca.tradingBaseUrl}; check the pair, and that it belongs to that endpoint (paper or live)`;
        throw new ConfigError(KEY_NAMES.map((variable) => ({ variable, reason })));
      }
      log.warn('could not check the Alpaca keys: scans will try again', { error: describeFailure(error) });
    }
  };
  return { kind: 'alpaca', source, meter, throttle, verifyKeys };
}

/** `fetch` that counts every attempt and the bars of every bars page it receives (read from a copy of the body). */
function meteredFetch(meter: MarketMeter): FetchLike {
  return async (url, init) => {
    meter.requests++;
    const response = await fetch(url, init);
    if (response.ok && new URL(url).pathname.endsWith('/bars')) {
      try {
        const page = (await response.clone().json()) as { bars?: Record<string, unknown[]> | null };
        for (const series of Object.values(page.bars ?? {})) if (Array.isArray(series)) meter.bars += series.length;
      } catch {
        // An unreadable page fails in the SDK, which reports it; the meter only counts.
      }
    }
    return response;
  };
}
