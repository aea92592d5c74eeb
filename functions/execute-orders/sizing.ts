import { roundDownTo } from '../../shared/trading/increments.js';
import type { TradingAccount, TradingAsset } from '../../shared/trading/trading-types.js';

/** Alpaca refuses USD crypto buys under $10 (40310000). */
export const ALPACA_CRYPTO_MIN_NOTIONAL_USD = 10;

/** The risk settings sizing reads (config.risk, with the asset class's maximum quantity picked). */
export interface SizingLimits {
  readonly riskPerTradeUsd: number;
  /** When set, risk = this × equity instead of `riskPerTradeUsd`. */
  readonly riskFractionOfEquity?: number | undefined;
  readonly maxPositionNotionalUsd: number;
  readonly maxPositionQty: number;
  readonly minOrderNotionalUsd: number;
  readonly minAssetBuyingPowerUsd: number;
}

/** Why no order is sent; each names the figures that decided it. */
export type SizingSkipReason =
  | 'invalid-levels'
  | 'not-tradable'
  | 'buying-power-below-minimum'
  | 'below-min-order-size'
  | 'below-alpaca-crypto-minimum'
  | 'below-min-order-notional';

/** What limited the quantity. */
export type SizingCap = 'risk' | 'max-notional' | 'buying-power' | 'max-qty';

export type Sizing =
  | {
      readonly kind: 'order';
      readonly qty: number;
      readonly notional: number;
      readonly riskUsd: number;
      readonly cappedBy: SizingCap;
    }
  | { readonly kind: 'skip'; readonly reason: SizingSkipReason; readonly figures: Readonly<Record<string, number>> };

/** The buying power an order of this asset is checked against: non-marginable for crypto (Alpaca). */
export function buyingPowerFor(asset: Pick<TradingAsset, 'assetClass'>, account: TradingAccount): number {
  return asset.assetClass === 'CRYPTO' ? account.nonMarginableBuyingPower : account.buyingPower;
}

/** The quantity step of an asset: whole shares for every equity (brackets need them), `min_trade_increment` for crypto. */
export function quantityStep(asset: TradingAsset): number {
  if (asset.assetClass === 'EQUITY') return 1;
  return asset.minTradeIncrement > 0 ? asset.minTradeIncrement : 1e-9;
}

/**
 * qty = risk / (entry − stop), capped by the maximum notional, the buying power and the maximum quantity, rounded
 * down to the asset's step; too small for the asset, for Alpaca's $10 crypto minimum or MIN_ORDER_NOTIONAL_USD → skip.
 */
export function sizePosition(
  entry: number,
  stop: number,
  asset: TradingAsset,
  account: TradingAccount,
  limits: SizingLimits,
): Sizing {
  const perUnit = entry - stop;
  if (!(entry > 0) || !(perUnit > 0)) return { kind: 'skip', reason: 'invalid-levels', figures: { entry, stop } };
  if (!asset.tradable) return { kind: 'skip', reason: 'not-tradable', figures: {} };
  const buyingPower = buyingPowerFor(asset, account);
  if (buyingPower < limits.minAssetBuyingPowerUsd) {
    return {
      kind: 'skip',
      reason: 'buying-power-below-minimum',
      figures: { buyingPower, minimum: limits.minAssetBuyingPowerUsd },
    };
  }
  const riskUsd =
    limits.riskFractionOfEquity === undefined ? limits.riskPerTradeUsd : limits.riskFractionOfEquity * account.equity;
  const caps: [SizingCap, number][] = [
    ['risk', riskUsd / perUnit],
    ['max-notional', limits.maxPositionNotionalUsd / entry],
    ['buying-power', buyingPower / entry],
    ['max-qty', limits.maxPositionQty],
  ];
  const [cappedBy, raw] = caps.reduce((least, cap) => (cap[1] < least[1] ? cap : least));
  const qty = roundDownTo(raw, quantityStep(asset));
  const notional = qty * entry;
  const minSize = asset.assetClass === 'EQUITY' ? Math.max(1, asset.minOrderSize) : asset.minOrderSize;
  if (qty <= 0 || qty < minSize)
    return { kind: 'skip', reason: 'below-min-order-size', figures: { qty, minOrderSize: minSize, riskUsd } };
  if (asset.assetClass === 'CRYPTO' && notional < ALPACA_CRYPTO_MIN_NOTIONAL_USD) {
    return {
      kind: 'skip',
      reason: 'below-alpaca-crypto-minimum',
      figures: { notional, minimum: ALPACA_CRYPTO_MIN_NOTIONAL_USD },
    };
  }
  if (notional < limits.minOrderNotionalUsd) {
    return { kind: 'skip', reason: 'below-min-order-notional', figures: { notional, minimum: limits.minOrderNotionalUsd } };
  }
  return { kind: 'order', qty, notional, riskUsd, cappedBy };
}
