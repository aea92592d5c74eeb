import type { ExecutionContext } from 'ava';
import type { BarSnapshot, Signal, SignalCandidate } from '../../../shared/domain/signal.js';

const FOUR_HOURS = 14_400_000;
/** Open time of the bar the test setups complete on (a BTC/USD 4-hour bar). */
export const SIGNAL_BAR = '2024-03-04T08:00:00.000Z';

/** Open time of the k-th bar after the signal bar. */
export function barTime(k: number): string {
  return new Date(Date.parse(SIGNAL_BAR) + k * FOUR_HOURS).toISOString();
}

/** A moment 5 s after the k-th bar after the signal bar closed, when the lifecycle would run. */
export function nowAfter(k: number): string {
  return new Date(Date.parse(SIGNAL_BAR) + (k + 1) * FOUR_HOURS + 5_000).toISOString();
}

/** A bullish-engulfing setup on BTC/USD: entry 62 000, stop 60 500 (R = 1 500), targets 1R / 2R / 3R. */
export function makeCandidate(overrides: Partial<SignalCandidate> = {}): SignalCandidate {
  return {
    signalId: '0f3c5e1a-8a0b-5b7e-9a57-3f1f6c1d2e4a',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '4Hour',
    pattern: 'BULLISH_ENGULFING',
    barTimestamp: SIGNAL_BAR,
    barCloseTime: barTime(1),
    createdAt: nowAfter(0),
    validUntil: barTime(7),
    entry: 62_000,
    stop: 60_500,
    invalidation: 61_000,
    tp1: 63_500,
    tp2: 65_000,
    tp3: 66_500,
    riskReward: 3,
    convictionTier: 'STANDARD',
    classification: 'STANDARD_PATTERN',
    patternSpanBars: 2,
    structuralAnchors: [],
    harmonic: null,
    confluenceFactors: ['VOLUME_SPIKE'],
    confluence: {
      rsi: 54.2,
      adx: 23.1,
      volumeRatio: 1.8,
      trendBullish: true,
      riskReward: 3,
      patternsPresent: ['BULLISH_ENGULFING'],
    },
    provenance: {
      engineVersion: '0.1.0',
      paramsHash: '9c1f0e7a5b3d2c4e',
      firstBar: '2023-11-01T00:00:00.000Z',
      lastBar: SIGNAL_BAR,
      bars: 750,
      indicators: { atr: 900 },
    },
    ...overrides,
  };
}

/** The candidate stored as WAITING, as `openSignal` would, with state overrides on top. */
export function makeSignal(overrides: Partial<Signal> = {}): Signal {
  return {
    ...makeCandidate(),
    status: 'WAITING',
    rulesVersion: 2,
    currentStop: 60_500,
    lastBarTimestamp: SIGNAL_BAR,
    openFraction: 1,
    barsHeld: 0,
    validityBars: 12,
    tp1Reached: false,
    realizedR: 0,
    realizedRNet: 0,
    costs: { feePctPerSide: 0, slippageBps: 0 },
    exitReason: null,
    exitPrice: null,
    exitTime: null,
    updatedAt: nowAfter(0),
    ...overrides,
  };
}

/** A signal after TP1: half sold at 63 500 (+0.5 R), stop at breakeven. */
/** A SHIB/USD signal priced in hundred-millionths: formatting must keep its significant digits. */
export function makeTinyPriceSignal(): Signal {
  return makeSignal({
    symbol: 'SHIB/USD',
    entry: 0.00000001234,
    stop: 0.00000001,
    invalidation: null,
    tp1: 0.00000001468,
    tp2: 0.00000001702,
    tp3: 0.00000001936,
    currentStop: 0.00000001,
  });
}

export function makeTp1Signal(overrides: Partial<Signal> = {}): Signal {
  return makeSignal({
    status: 'TP1_HIT',
    currentStop: 62_000,
    openFraction: 0.5,
    tp1Reached: true,
    realizedR: 0.5,
    realizedRNet: 0.5,
    lastBarTimestamp: barTime(1),
    barsHeld: 1,
    ...overrides,
  });
}

/** A signal after TP2: a quarter more sold at 65 000 (+1 R in all), stop at TP1. */
export function makeTp2Signal(overrides: Partial<Signal> = {}): Signal {
  return makeSignal({
    status: 'TP2_HIT',
    currentStop: 63_500,
    openFraction: 0.25,
    tp1Reached: true,
    realizedR: 1,
    realizedRNet: 1,
    lastBarTimestamp: barTime(2),
    barsHeld: 2,
    ...overrides,
  });
}

/** The k-th bar after the signal bar: a quiet bar inside every level unless overridden. */
export function makeBar(k: number, overrides: Partial<BarSnapshot> = {}): BarSnapshot {
  return {
    timestamp: barTime(k),
    closesAt: barTime(k + 1),
    open: 62_050,
    high: 62_600,
    low: 61_700,
    close: 62_300,
    atr: 900,
    chandelierLong: 59_800,
    rsi: 58.4,
    adx: 24.5,
    adxPrevious: 23.9,
    bearishEngulfing: false,
    ...overrides,
  };
}

/** Asserts a result in R to 1e-9, since scale-out fractions are not exact in binary floating point. */
export function assertR(t: ExecutionContext, actual: number | null | undefined, expected: number): void {
  t.true(typeof actual === 'number' && Math.abs(actual - expected) < 1e-9, `${String(actual)} R is not ${expected} R`);
}
