import test from 'ava';
import {
  GATES,
  accountGate,
  checkGates,
  correlationGate,
  drawdownGate,
  exposureGate,
  killSwitchGate,
  maxPositionsGate,
  onePerSymbolGate,
  signalAgeGate,
  CLOCK_SKEW_MS,
} from '../../../functions/execute-orders/risk-gates.js';
import type { GateInput } from '../../../functions/execute-orders/risk-gates.js';
import { returnCorrelation } from '../../../functions/execute-orders/correlation.js';

const BASE: GateInput = {
  symbol: 'ETH/USD',
  assetClass: 'CRYPTO',
  plannedNotional: 5_000,
  signalAgeMs: 60_000,
  account: {
    equity: 100_000,
    lastEquity: 100_000,
    cash: 100_000,
    buyingPower: 200_000,
    nonMarginableBuyingPower: 100_000,
    tradingBlocked: false,
    accountBlocked: false,
  },
  paused: false,
  open: [],
  correlations: new Map(),
  limits: {
    maxSignalAgeMs: 3_600_000,
    maxDailyDrawdownFraction: 0.02,
    maxPositions: { CRYPTO: 2, EQUITY: 2 },
    maxCorrelation: 0.8,
    maxExposureFraction: { CRYPTO: 0.5, EQUITY: 0.8 },
  },
};

test('a clean account with nothing open passes every gate', (t) => {
  t.deepEqual(checkGates(BASE), { pass: true });
});

test('account or trading blocked refuses first', (t) => {
  t.like(accountGate({ ...BASE, account: { ...BASE.account, tradingBlocked: true } }), { pass: false, gate: 'account-blocked' });
  t.like(accountGate({ ...BASE, account: { ...BASE.account, accountBlocked: true } }), { pass: false, gate: 'account-blocked' });
  t.like(
    accountGate({ ...BASE, account: { ...BASE.account, equity: Number.NaN } }),
    { pass: false, gate: 'account-blocked' },
    'unreadable figures fail closed',
  );
  t.like(
    checkGates({ ...BASE, paused: true, account: { ...BASE.account, tradingBlocked: true } }),
    { gate: 'account-blocked' },
    'order of the gates',
  );
});

test('a signal decided longer ago than MAX_EVENT_AGE_SECONDS is not entered; the simulated broker has none', (t) => {
  t.deepEqual(signalAgeGate({ ...BASE, signalAgeMs: 3_600_000 }), { pass: true }, 'exactly the limit');
  t.like(signalAgeGate({ ...BASE, signalAgeMs: 3_600_001 + 59 * 60_000 }), {
    pass: false,
    gate: 'signal-age',
    reason: 'the signal was decided 119 min ago',
    figures: { ageSeconds: 7_140, limitSeconds: 3_600 },
  });
  t.deepEqual(signalAgeGate({ ...BASE, signalAgeMs: null }), { pass: true });
  t.deepEqual(signalAgeGate({ ...BASE, signalAgeMs: -CLOCK_SKEW_MS }), { pass: true }, 'clock skew');
  t.like(signalAgeGate({ ...BASE, signalAgeMs: -CLOCK_SKEW_MS - 60_000 }), {
    pass: false,
    reason: 'the signal was decided 6 min in the future',
  });
  t.like(
    checkGates({ ...BASE, signalAgeMs: 86_400_000, paused: true, account: { ...BASE.account, tradingBlocked: true } }),
    { gate: 'signal-age' },
    'checked first',
  );
});

test('the kill switch pauses new entries', (t) => {
  t.like(killSwitchGate({ ...BASE, paused: true }), { pass: false, gate: 'kill-switch', figures: { paused: true } });
  t.deepEqual(killSwitchGate(BASE), { pass: true });
});

test('daily drawdown beyond the limit stops new entries', (t) => {
  t.deepEqual(drawdownGate({ ...BASE, account: { ...BASE.account, equity: 98_000 } }), { pass: true }, 'exactly 2 % is allowed');
  const refused = drawdownGate({ ...BASE, account: { ...BASE.account, equity: 97_900 } });
  t.like(refused, { pass: false, gate: 'daily-drawdown', figures: { equity: 97_900, lastEquity: 100_000, limit: 0.02 } });
  t.like(drawdownGate({ ...BASE, account: { ...BASE.account, lastEquity: 0 } }), { pass: false }, 'no base: fail closed');
});

test('max open positions per asset class', (t) => {
  const open = [
    { symbol: 'BTC/USD', assetClass: 'CRYPTO' as const, notional: 1 },
    { symbol: 'SOL/USD', assetClass: 'CRYPTO' as const, notional: 1 },
  ];
  t.like(maxPositionsGate({ ...BASE, open }), { pass: false, gate: 'max-positions', figures: { open: 2, limit: 2 } });
  t.deepEqual(maxPositionsGate({ ...BASE, symbol: 'SPY', assetClass: 'EQUITY', open }), { pass: true });
});

test('one position per symbol', (t) => {
  t.like(onePerSymbolGate({ ...BASE, open: [{ symbol: 'ETH/USD', assetClass: 'CRYPTO', notional: 1 }] }), {
    pass: false,
    gate: 'one-per-symbol',
  });
});

test('correlation above the limit with an open position is the same exposure; unknown correlation passes', (t) => {
  const open = [{ symbol: 'BTC/USD', assetClass: 'CRYPTO' as const, notional: 1 }];
  t.like(correlationGate({ ...BASE, open, correlations: new Map([['BTC/USD', 0.91]]) }), {
    pass: false,
    gate: 'correlation',
    figures: { with: 'BTC/USD', correlation: 0.91 },
  });
  t.deepEqual(correlationGate({ ...BASE, open, correlations: new Map([['BTC/USD', 0.8]]) }), { pass: true });
  t.deepEqual(correlationGate({ ...BASE, open, correlations: new Map([['BTC/USD', null]]) }), { pass: true });
  t.like(
    correlationGate({
      ...BASE,
      open,
      correlations: new Map([['BTC/USD', 0.5]]),
      limits: { ...BASE.limits, maxCorrelation: 0.4 },
    }),
    { pass: false },
    'configurable',
  );
});

test('exposure cap per asset class counts the planned entry', (t) => {
  const open = [{ symbol: 'BTC/USD', assetClass: 'CRYPTO' as const, notional: 46_000 }];
  t.like(exposureGate({ ...BASE, open }), {
    pass: false,
    gate: 'exposure-cap',
    figures: { held: 46_000, planned: 5_000, cap: 50_000 },
  });
  t.deepEqual(exposureGate({ ...BASE, open, plannedNotional: 4_000 }), { pass: true });
});

test('every gate is named in order', (t) => {
  t.deepEqual(
    [...GATES],
    [
      'signal-age',
      'account-blocked',
      'kill-switch',
      'daily-drawdown',
      'max-positions',
      'one-per-symbol',
      'correlation',
      'exposure-cap',
    ],
  );
});

const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString();
function series(returns: readonly number[]) {
  let close = 100;
  return [{ timestamp: day(0), close }, ...returns.map((r, i) => ({ timestamp: day(i + 1), close: (close *= 1 + r) }))];
}

test('correlation of daily returns over the last 90 bars, by day', (t) => {
  const wave = Array.from({ length: 120 }, (_, i) => Math.sin(i * 1.7) / 50);
  const same = returnCorrelation(series(wave), series(wave.map((r) => r * 2)));
  t.true(same !== null && Math.abs(same - 1) < 1e-9);
  const opposite = returnCorrelation(series(wave), series(wave.map((r) => -r)));
  t.true(opposite !== null && Math.abs(opposite + 1) < 1e-9);
  t.is(returnCorrelation(series(wave.slice(0, 10)), series(wave.slice(0, 10))), null, 'under 30 shared returns');
  // Only the last 90 bars count: a different past does not change the result.
  const pastDiffers = [...wave.slice(0, 30).map((r) => -r * 3), ...wave.slice(30)];
  const recentOnly = returnCorrelation(series(pastDiffers), series(wave));
  t.true(recentOnly !== null && Math.abs(recentOnly - 1) < 1e-9);
});
