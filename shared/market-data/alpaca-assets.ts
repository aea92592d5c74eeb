import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import type { AssetClass } from '../domain/bar.js';
import type { Logger } from '../log/logger.js';
import { assetClassOf } from './market-data-source.port.js';
import { describeFailure } from './alpaca-failure.js';

/** A requested symbol in Alpaca's spelling and class, or why it is skipped. */
export type AssetCheck =
  | { readonly requested: string; readonly symbol: string; readonly assetClass: AssetClass }
  | { readonly requested: string; readonly problem: string };

/** Asset validation (reference §1.5): which requested symbols Alpaca trades, under which spelling. */
export interface AssetDirectory {
  /** One check per requested symbol, in order. */
  check(symbols: readonly string[]): Promise<AssetCheck[]>;
}

interface Listing {
  readonly symbol: string;
  readonly active: boolean;
  readonly tradable: boolean;
}

type ListOf = (assetClass: AssetClass) => Promise<Map<string, Listing> | undefined>;

const ALPACA_CLASS: Record<AssetClass, string> = { CRYPTO: 'crypto', EQUITY: 'us_equity' };
const CRYPTO_PAIR = /^[A-Z0-9]+\/[A-Z0-9]+$/;

/** Upper case without `/`: `btc/usd`, `BTCUSD` and `BTC/USD` are one asset. */
export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replaceAll('/', '');
}

/**
 * Loads `GET /v2/assets?asset_class=…` at most once per asset class for the life of the directory (an instance),
 * and only for a class a symbol needs. A symbol is kept when its normalized form matches an `active` and
 * `tradable` asset; a symbol not found in its own class is looked up in the other (`BTCUSD` is crypto). When the
 * list cannot be loaded the check fails open, as the reference does: the symbol is kept as written, and the next
 * scan asks again.
 */
export function createAssetDirectory(api: Pick<trading.AssetsApi, 'getV2Assets'>, logger: Pick<Logger, 'warn'>): AssetDirectory {
  const loaded = new Map<AssetClass, Map<string, Listing>>();
  const load = async (assetClass: AssetClass): Promise<Map<string, Listing> | undefined> => {
    try {
      const list = indexAssets(await api.getV2Assets({ assetClass: ALPACA_CLASS[assetClass] }));
      loaded.set(assetClass, list);
      return list;
    } catch (error) {
      logger.warn('Alpaca asset list unavailable: symbols kept as written', { assetClass, error: describeFailure(error) });
      return undefined;
    }
  };

  const checkOne = async (requested: string, listOf: ListOf): Promise<AssetCheck> => {
    const key = normalizeSymbol(requested);
    const guessed = assetClassOf(requested);
    const other: AssetClass = guessed === 'CRYPTO' ? 'EQUITY' : 'CRYPTO';
    const own = await listOf(guessed);
    if (own === undefined) return failOpen(requested, guessed);
    const found = own.get(key) ?? (await listOf(other))?.get(key);
    const assetClass = own.has(key) ? guessed : other;
    if (found === undefined) return { requested, problem: `"${requested}" is not an Alpaca asset` };
    if (!found.active) return { requested, problem: `"${requested}" (${found.symbol}) is inactive on Alpaca` };
    if (!found.tradable) return { requested, problem: `"${requested}" (${found.symbol}) is not tradable on Alpaca` };
    return { requested, symbol: found.symbol, assetClass };
  };

  return {
    check: async (symbols) => {
      // A list that failed to load is asked for once per scan, not once per symbol.
      const thisScan = new Map<AssetClass, Promise<Map<string, Listing> | undefined>>();
      const listOf: ListOf = (assetClass) => {
        const list = thisScan.get(assetClass) ?? Promise.resolve(loaded.get(assetClass) ?? load(assetClass));
        thisScan.set(assetClass, list);
        return list;
      };
      const checks: AssetCheck[] = [];
      for (const symbol of symbols) checks.push(await checkOne(symbol, listOf));
      return checks;
    },
  };
}

/** Normalized symbol → listing; an active, tradable listing wins over a stale one of the same name. */
function indexAssets(assets: readonly trading.Assets[]): Map<string, Listing> {
  const index = new Map<string, Listing>();
  for (const asset of assets) {
    const listing = { symbol: asset.symbol, active: asset.status === 'active', tradable: asset.tradable === true };
    const key = normalizeSymbol(asset.symbol);
    const kept = index.get(key);
    if (kept === undefined || (!(kept.active && kept.tradable) && listing.active && listing.tradable)) index.set(key, listing);
  }
  return index;
}

function failOpen(requested: string, assetClass: AssetClass): AssetCheck {
  const symbol = requested.trim().toUpperCase();
  if (assetClass === 'CRYPTO' && !CRYPTO_PAIR.test(symbol)) {
    return { requested, problem: `"${requested}" is not a crypto pair Alpaca accepts (BASE/QUOTE)` };
  }
  return { requested, symbol, assetClass };
}
