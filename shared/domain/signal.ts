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

export const EXIT_REASONS = [
  'TP_HIT',
  'STOP_LOSS',
  'STRUCTURAL_INVALIDATION',
  'COLOR_FLIP',
  'EXPIRED',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

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
  /** The stop in force: the original stop, breakeven after TP1, TP1 after TP2. */
  readonly currentStop: number;
  /** Open time of the newest bar applied to this signal; a bar not newer is ignored. */
  readonly lastBarTimestamp: string;
  /** Fraction of the position still open: 1, then 0.5 after TP1, 0.25 after TP2, 0 at exit. */
  readonly openFraction: number;
  /** Result so far in multiples of the initial risk (entry − stop), including the part still open at exit. */
  readonly realizedR: number;
  readonly exitReason: ExitReason | null;
  readonly exitPrice: number | null;
  readonly exitTime: string | null;
  readonly updatedAt: string;
}

/** What the lifecycle needs of the newest closed bar (sent by generateSignals with each analysis). */
export interface BarSnapshot {
  readonly timestamp: string;
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
] as const;
export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];
