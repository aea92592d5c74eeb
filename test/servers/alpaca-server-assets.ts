import { randomUUID } from 'node:crypto';

/** An asset the fake lists; unset fields default to an active, tradable asset of the class its symbol implies. */
export interface AssetSpec {
  readonly symbol: string;
  readonly class?: 'crypto' | 'us_equity';
  readonly status?: 'active' | 'inactive';
  readonly tradable?: boolean;
}

/** The asset object of wire-formats.md B.1 (the fields `alpaca-py` and the JS SDK read). */
export interface WireAsset {
  id: string;
  class: 'crypto' | 'us_equity';
  exchange: string;
  symbol: string;
  name: string;
  status: 'active' | 'inactive';
  tradable: boolean;
  marginable: boolean;
  shortable: boolean;
  easy_to_borrow: boolean;
  fractionable: boolean;
  attributes: string[];
  min_order_size?: string;
  min_trade_increment?: string;
  price_increment?: string;
}

/** Every symbol with bars listed as active and tradable, then `extra` specs added or overriding by symbol. */
export function assetList(
  cryptoSymbols: readonly string[],
  stockSymbols: readonly string[],
  extra: readonly AssetSpec[] = [],
): WireAsset[] {
  const specs = new Map<string, AssetSpec>();
  for (const symbol of cryptoSymbols) specs.set(symbol, { symbol, class: 'crypto' });
  for (const symbol of stockSymbols) specs.set(symbol, { symbol, class: 'us_equity' });
  for (const spec of extra) specs.set(spec.symbol, { ...specs.get(spec.symbol), ...spec });
  return [...specs.values()].map(toWire);
}

/** `GET /v2/assets`: `asset_class` (default `us_equity`) and `status` filter the list. */
export function listAssets(assets: readonly WireAsset[], query: URLSearchParams): WireAsset[] {
  const assetClass = query.get('asset_class') ?? 'us_equity';
  const status = query.get('status');
  return assets.filter((asset) => asset.class === assetClass && (status === null || asset.status === status));
}

function toWire(spec: AssetSpec): WireAsset {
  const assetClass = spec.class ?? (spec.symbol.includes('/') ? 'crypto' : 'us_equity');
  const crypto = assetClass === 'crypto';
  return {
    id: randomUUID(),
    class: assetClass,
    exchange: crypto ? 'CRYPTO' : 'NASDAQ',
    symbol: spec.symbol,
    name: crypto ? `${spec.symbol} pair` : `${spec.symbol} Inc.`,
    status: spec.status ?? 'active',
    tradable: spec.tradable ?? true,
    marginable: !crypto,
    shortable: !crypto,
    easy_to_borrow: !crypto,
    fractionable: true,
    attributes: [],
    ...(crypto ? { min_order_size: '0.0001', min_trade_increment: '0.0001', price_increment: '1' } : {}),
  };
}
