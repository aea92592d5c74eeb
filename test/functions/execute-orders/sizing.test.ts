import test from 'ava';
import { sizePosition } from '../../../functions/execute-orders/sizing.js';
import { roundDownTo } from '../../../shared/trading/increments.js';
import type { SizingLimits } from '../../../functions/execute-orders/sizing.js';
import { splitTranches } from '../../../functions/execute-orders/tranches.js';
import type { TradingAccount, TradingAsset } from '../../../shared/trading/trading-types.js';

const ACCOUNT: TradingAccount = {
  equity: 100_000,
  lastEquity: 100_000,
  cash: 100_000,
  buyingPower: 200_000,
  nonMarginableBuyingPower: 100_000,
  tradingBlocked: false,
  accountBlocked: false,
};
const BTC: TradingAsset = {
  symbol: 'BTC/USD',
  assetClass: 'CRYPTO',
  tradable: true,
  fractionable: true,
  minOrderSize: 0.0001,
  minTradeIncrement: 0.0001,
  priceIncrement: 1,
};
const SPY: TradingAsset = {
  symbol: 'SPY',
  assetClass: 'EQUITY',
  tradable: true,
  fractionable: true,
  minOrderSize: 0,
  minTradeIncrement: 0,
  priceIncrement: 0.01,
};
const LIMITS: SizingLimits = {
  riskPerTradeUsd: 100,
  maxPositionNotionalUsd: 25_000,
  maxPositionQty: 1_000_000,
  minOrderNotionalUsd: 15,
  minAssetBuyingPowerUsd: 100,
};

test('qty = risk / (entry − stop), rounded down to the increment', (t) => {
  const sizing = sizePosition(60_000, 58_000, BTC, ACCOUNT, LIMITS);
  t.deepEqual(sizing, { kind: 'order', qty: 0.05, notional: 3000, riskUsd: 100, cappedBy: 'risk' });
  const odd = sizePosition(61_234, 58_111, BTC, ACCOUNT, LIMITS);
  t.is(odd.kind === 'order' ? odd.qty : -1, 0.032, '100 / 3123 = 0.03202… → 0.0320');
});

test('a risk fraction of equity replaces the dollar risk', (t) => {
  const sizing = sizePosition(100, 90, SPY, { ...ACCOUNT, equity: 50_000 }, { ...LIMITS, riskFractionOfEquity: 0.01 });
  t.like(sizing, { kind: 'order', qty: 50, riskUsd: 500 });
});

test('equities are whole shares even when fractionable (brackets need them)', (t) => {
  t.like(sizePosition(300, 290, SPY, ACCOUNT, LIMITS), { kind: 'order', qty: 10 });
  t.like(sizePosition(300, 293, SPY, ACCOUNT, LIMITS), { kind: 'order', qty: 14 }, '14.28 → 14');
});

test('capped by max notional, buying power (non-marginable for crypto) and max quantity', (t) => {
  t.like(sizePosition(100, 99.9, SPY, ACCOUNT, LIMITS), { kind: 'order', qty: 250, cappedBy: 'max-notional' });
  t.like(sizePosition(100, 99.9, SPY, { ...ACCOUNT, buyingPower: 5_000 }, LIMITS), {
    kind: 'order',
    qty: 50,
    cappedBy: 'buying-power',
  });
  t.like(sizePosition(60_000, 59_999, BTC, { ...ACCOUNT, buyingPower: 1e9, nonMarginableBuyingPower: 6_000 }, LIMITS), {
    kind: 'order',
    qty: 0.1,
    cappedBy: 'buying-power',
  });
  t.like(sizePosition(100, 99, SPY, ACCOUNT, { ...LIMITS, maxPositionQty: 7 }), { kind: 'order', qty: 7, cappedBy: 'max-qty' });
});

test('too small: under min_order_size, Alpaca’s $10 crypto minimum or MIN_ORDER_NOTIONAL_USD → skip with the figures', (t) => {
  t.like(sizePosition(60_000, 10_000, { ...BTC, minOrderSize: 0.01 }, ACCOUNT, LIMITS), {
    kind: 'skip',
    reason: 'below-min-order-size',
  });
  t.like(sizePosition(500, 100, SPY, ACCOUNT, LIMITS), { kind: 'skip', reason: 'below-min-order-size' }, '0.25 share → 0');
  t.like(
    sizePosition(1, 0.5, { ...BTC, symbol: 'X/USD', minOrderSize: 1, minTradeIncrement: 1 }, ACCOUNT, {
      ...LIMITS,
      riskPerTradeUsd: 4,
    }),
    {
      kind: 'skip',
      reason: 'below-alpaca-crypto-minimum',
    },
  );
  t.like(sizePosition(12, 1, SPY, ACCOUNT, { ...LIMITS, riskPerTradeUsd: 11 }), {
    kind: 'skip',
    reason: 'below-min-order-notional',
    figures: { notional: 12, minimum: 15 },
  });
});

test('no buying power left, untradable assets and inverted levels are skipped', (t) => {
  t.like(sizePosition(100, 90, SPY, { ...ACCOUNT, buyingPower: 50 }, LIMITS), {
    kind: 'skip',
    reason: 'buying-power-below-minimum',
  });
  t.like(sizePosition(100, 90, { ...SPY, tradable: false }, ACCOUNT, LIMITS), { kind: 'skip', reason: 'not-tradable' });
  t.like(sizePosition(100, 100, SPY, ACCOUNT, LIMITS), { kind: 'skip', reason: 'invalid-levels' });
});

test('roundDownTo leaves no binary noise', (t) => {
  t.is(roundDownTo(0.30000000000000004, 0.1), 0.3);
  t.is(roundDownTo(0.123456789, 0.0001), 0.1234);
  t.is(roundDownTo(7.9, 1), 7);
});

test('tranches: 50/25/25 rounded down, remainder to the runner, fewer when small', (t) => {
  t.deepEqual(splitTranches(10, 1), [
    { leg: 'a', qty: 5 },
    { leg: 'b', qty: 2 },
    { leg: 'c', qty: 3 },
  ]);
  t.deepEqual(splitTranches(4, 1), [
    { leg: 'a', qty: 2 },
    { leg: 'b', qty: 1 },
    { leg: 'c', qty: 1 },
  ]);
  t.deepEqual(splitTranches(3, 1), [
    { leg: 'a', qty: 1 },
    { leg: 'c', qty: 2 },
  ]);
  t.deepEqual(splitTranches(2, 1), [
    { leg: 'a', qty: 1 },
    { leg: 'c', qty: 1 },
  ]);
  t.deepEqual(splitTranches(1, 1), [{ leg: 'c', qty: 1 }], 'one bracket under 2 shares');
  t.deepEqual(splitTranches(0.0513, 0.0001), [
    { leg: 'a', qty: 0.0256 },
    { leg: 'b', qty: 0.0128 },
    { leg: 'c', qty: 0.0129 },
  ]);
  t.deepEqual(splitTranches(0.0003, 0.0001, 0.0002), [{ leg: 'c', qty: 0.0003 }], 'tranches under the minimum go to the runner');
  for (const qty of [1, 2, 3, 5, 17, 101]) {
    t.is(
      splitTranches(qty, 1).reduce((s, x) => s + x.qty, 0),
      qty,
    );
  }
});
