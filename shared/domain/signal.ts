import type { AssetClass, Timeframe } from './bar.js';
import type { HarmonicMatch, PatternName, Pivot } from './patterns.js';

/**
 * Where a signal is in its life. WAITING: posted, entry at the signal bar's close.
 * ACTIVE: an order filled (set by execution). TP1_HIT / TP2_HIT: partly taken, runner open.
 * The rest are terminal.
 */
export const SIGNAL_STATUSES = [
  'WAITING',
  'ACTIVE',
  'TP1_HIT',
  'TP2_HIT',
  'TP3_HIT',
  'STOPPED',
  'INVALIDATED',
  'EXPIRED',
] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const OPEN_STATUSES: readonly SignalStatus[] = ['WAITING', 'ACTIVE', 'TP1_HIT', 'TP2_HIT'];
export const TERMINAL_STATUSES: readonly SignalStatus[] = ['TP3_HIT', 'STOPPED', 'INVALIDATED', 'EXPIRED'];

export function isOpenStatus(status: SignalStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * What ended a signal. STOP: the initial stop; BREAKEVEN_STOP: the stop at entry after TP1; TRAIL_STOP: a stop
 * above entry (TP1 after TP2, or the chandelier trail); TP3: the last quarter filled at TP3; INVALIDATED: a close
 * under the invalidation level or a bearish colour flip; EXPIRED: the validity (in bars) ran out before TP1 or
 * the stop, closed at that bar's close (a time stop).
 */
export const EXIT_REASONS = ['STOP', 'BREAKEVEN_STOP', 'TRAIL_STOP', 'TP3', 'INVALIDATED', 'EXPIRED'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** Exit reasons written by rules version 1; they still decode (read old, write new) into `EXIT_REASONS`. */
export const LEGACY_EXIT_REASONS = ['TP_HIT', 'STOP_LOSS', 'STRUCTURAL_INVALIDATION', 'COLOR_FLIP'] as const;
export type LegacyExitReason = (typeof LEGACY_EXIT_REASONS)[number];

/**
 * Version of the lifecycle rules (DESIGN §6.9–12). 1: one bar per analysis, validity in hours, gross R only.
 * 2: every closed bar applied, worst case on ambiguous bars, one runner rule, validity in bars, R gross and net.
 */
export const RULES_VERSION = 2;

/** What each fill costs, per side: a fee in percent of the notional and slippage in basis points. */
export interface TradingCosts {
  readonly feePctPerSide: number;
  readonly slippageBps: number;
}

/** The cost of one side as a fraction of the notional. */
export function costFraction(costs: TradingCosts): number {
  return costs.feePctPerSide / 100 + costs.slippageBps / 10_000;
}

export type ConvictionTier = 'HIGH' | 'STANDARD';
export type PatternClassification = 'STANDARD_PATTERN' | 'MACRO_PATTERN';

/** Indicator readings of the signal bar, shown to people and kept for analysis. */
export interface ConfluenceSnapshot {
  readonly rsi: number;
  readonly adx: number;
  /** volume / SMA(volume, 20) */
  readonly volumeRatio: number;
  /** close above EMA(50) */
  readonly trendBullish: boolean;
  readonly riskReward: number;
  /** Every tactical pattern that held on the bar, the chosen one first. */
  readonly patternsPresent: readonly PatternName[];
}

/** How a decision was reached, so any signal can be reproduced later. */
export interface Provenance {
  readonly engineVersion: string;
  /** sha256 (hex, 16 chars) of the engine parameters that shaped the decision. */
  readonly paramsHash: string;
  readonly firstBar: string;
  readonly lastBar: string;
  readonly bars: number;
  /** Indicator values at the decision bar. */
  readonly indicators: Readonly<Record<string, number>>;
}

/** The levels of a long setup. `tp3` starts as a target and becomes the trailing stop of the runner. */
export interface Levels {
  readonly entry: number;
  readonly stop: number;
  readonly invalidation: number | null;
  readonly tp1: number;
  readonly tp2: number;
  readonly tp3: number;
}

/** A setup found on the last closed bar, before any storage decision. */
export interface SignalCandidate extends Levels {
  readonly signalId: string;
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly timeframe: Timeframe;
  readonly pattern: PatternName;
  /** Open time of the bar the pattern completed on (ISO-8601 UTC). */
  readonly barTimestamp: string;
  /** When the pattern's bar closed: entry is at this moment's price. */
  readonly barCloseTime: string;
  readonly createdAt: string;
  readonly validUntil: string;
  readonly riskReward: number;
  readonly convictionTier: ConvictionTier;
  readonly classification: PatternClassification;
  readonly patternSpanBars: number | null;
  readonly structuralAnchors: readonly Pivot[];
  readonly harmonic: HarmonicMatch | null;
  readonly confluenceFactors: readonly string[];
  readonly confluence: ConfluenceSnapshot;
  readonly provenance: Provenance;
}

/** A setup that failed a quality gate or level validation: a "shadow" signal, never traded. */
export interface RejectedCandidate extends Omit<SignalCandidate, 'signalId'> {
  /** UUIDv5 of the accepted id's name plus `|REJECTED`. */
  readonly signalId: string;
  readonly reasons: readonly string[];
}

/** A stored signal: the candidate plus its life so far. */
export interface Signal extends SignalCandidate {
  readonly status: SignalStatus;
  /** Version of the lifecycle rules that last managed this signal (`RULES_VERSION`; 1 when written before them). */
  readonly rulesVersion: number;
  /** The stop in force: the original stop; after TP1 max(breakeven, or TP1 after TP2; the chandelier exit), never lower. */
  readonly currentStop: number;
  /** Open time of the newest bar applied to this signal; a bar not newer is ignored. */
  readonly lastBarTimestamp: string;
  /** Fraction of the position still open: 1, then 0.5 after TP1, 0.25 after TP2, 0 at exit. */
  readonly openFraction: number;
  /** Closed bars applied after the signal's bar. */
  readonly barsHeld: number;
  /** Bars within which TP1 or the stop must be reached, else the signal ends EXPIRED (a time stop). */
  readonly validityBars: number;
  /** Whether TP1 was filled (whatever happened after). */
  readonly tp1Reached: boolean;
  /** Result so far in multiples of the initial risk (entry − stop), gross of costs, including the part closed at exit. */
  readonly realizedR: number;
  /** The same net of `costs` on every fill, the entry included. */
  readonly realizedRNet: number;
  readonly costs: TradingCosts;
  readonly exitReason: ExitReason | null;
  readonly exitPrice: number | null;
  readonly exitTime: string | null;
  readonly updatedAt: string;
}

/** What the lifecycle needs of one closed bar (generateSignals sends the recent ones with each analysis). */
export interface BarSnapshot {
  readonly timestamp: string;
  /** When the bar closed (ISO-8601 UTC); absent in `Analysis` v1, where the decision time stands in. */
  readonly closesAt?: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly atr: number;
  readonly chandelierLong: number;
  readonly rsi: number;
  readonly adx: number;
  readonly adxPrevious: number;
  readonly bearishEngulfing: boolean;
}

/**
 * Whether a signal was open at `atMs` (epoch ms): created by then and not yet exited. This is the
 * view a replay of the past must take of a store that already holds the future.
 */
export function wasOpenAt(signal: Pick<Signal, 'createdAt' | 'exitTime'>, atMs: number): boolean {
  return Date.parse(signal.createdAt) <= atMs && (signal.exitTime === null || Date.parse(signal.exitTime) > atMs);
}

/** What one bar can do to a signal: the `type` of every lifecycle event (persistState emits them). */
export const LIFECYCLE_EVENT_TYPES = [
  'signal.tp1',
  'signal.tp2',
  'signal.tp3',
  'signal.stopped',
  'signal.invalidated',
  'signal.expired',
  'signal.trailed',
  'signal.gap',
] as const;
export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];
