import type { Config } from '../config/config.types.js';
import { resolveMarketDataSource } from '../config/market-data-source.js';
import { log } from '../log/logger.js';
import type { Logger } from '../log/logger.js';
import type { Secrets } from '../secrets/secrets.js';
import { createThrottle } from '../throttle/throttle.js';
import type { Throttle } from '../throttle/throttle.js';
import { createAlpacaSource } from './alpaca-source.js';
import type { BarLedger } from './bar-ledger.js';
import type { SessionCalendarCache } from './calendar/session-calendar-cache.port.js';
import type { BarsRequest, MarketDataSource } from './market-data-source.port.js';
import { createReplaySource } from './replay-source.js';

/** What an instance must hand over for Alpaca: a way to load its secrets (async, once) and its logger. */
export interface MarketSourceNeeds {
  readonly secrets?: () => Promise<Pick<Secrets, 'alpacaCredentials'>>;
  readonly logger?: Logger;
}

/** The instance's shared pieces the Alpaca source plugs into. */
export interface MarketSourceShared {
  readonly throttle: () => Throttle;
  readonly ledger: () => BarLedger;
  /** Where Alpaca's equity calendar is remembered; not remembered when absent. */
  readonly calendarCache?: () => SessionCalendarCache;
}

/** The one throttle of an instance in front of Alpaca: `ALPACA_RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_DELAY` apart. */
export function alpacaThrottleFor(config: Pick<Config, 'marketData'>): Throttle {
  const { rateLimitPerMinute, rateLimitDelaySeconds } = config.marketData;
  return createThrottle({ perMinute: rateLimitPerMinute, minSpacingMs: rateLimitDelaySeconds * 1000 });
}

/**
 * The market data source configuration asks for. `replay` is built at once; otherwise the choice waits for the
 * secrets (`auto` means Alpaca when both keys are set), made at the first scan. The secrets are asked again at
 * every scan (cached for SECRET_CACHE_TTL_SECONDS): rotated keys rebuild the Alpaca source, so a rotation needs
 * no redeploy. A failed choice (secrets unreadable, `alpaca` without keys) fails that scan and is tried again.
 */
export function configuredMarketSource(
  config: Pick<Config, 'marketData' | 'alpaca'>,
  needs: MarketSourceNeeds,
  shared: MarketSourceShared,
): MarketDataSource {
  if (config.marketData.source === 'replay') return createReplaySource();
  let current: { key: string; source: MarketDataSource } | undefined;
  const choose = async (): Promise<MarketDataSource> => {
    const credentials = (await needs.secrets?.())?.alpacaCredentials();
    const alpaca = resolveMarketDataSource(config, credentials !== undefined) === 'alpaca' && credentials !== undefined;
    const key = alpaca ? `alpaca:${credentials.keyId}:${credentials.secretKey}` : 'replay';
    if (current?.key === key) return current.source;
    const source = !alpaca
      ? createReplaySource()
      : createAlpacaSource({
          ...credentials,
          dataBaseUrl: config.marketData.dataBaseUrl,
          tradingBaseUrl: config.alpaca.tradingBaseUrl,
          feed: config.marketData.dataFeed,
          throttle: shared.throttle(),
          logger: needs.logger ?? log,
          ledger: shared.ledger(),
          ...(shared.calendarCache ? { calendarCache: shared.calendarCache() } : {}),
        });
    if (current !== undefined) (needs.logger ?? log).info('Alpaca credentials changed: market data source rebuilt');
    current = { key, source };
    return source;
  };
  return { closedBars: async (request: BarsRequest) => (await choose()).closedBars(request) };
}
