import { ConfigError } from '../errors/errors.js';
import type { Config } from './config.types.js';

/**
 * Decides where bars come from once secrets are loaded: `auto` means Alpaca when both Alpaca keys
 * are set, else the bundled replay. An explicit `alpaca` without keys is a configuration error.
 */
export function resolveMarketDataSource(config: Pick<Config, 'marketData'>, hasAlpacaKeys: boolean): 'alpaca' | 'replay' {
  const setting = config.marketData.source;
  if (setting === 'auto') return hasAlpacaKeys ? 'alpaca' : 'replay';
  if (setting === 'alpaca' && !hasAlpacaKeys) {
    throw new ConfigError([
      { variable: 'MARKET_DATA_SOURCE', reason: 'alpaca needs the secrets ALPACA_API_KEY and ALPACA_SECRET_KEY' },
    ]);
  }
  return setting;
}
