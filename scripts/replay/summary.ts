import type { PatternName } from '../../shared/domain/patterns.js';
import type { Signal, SignalStatus } from '../../shared/domain/signal.js';
import type { LifecycleEvent } from '../../functions/persist-state/lifecycle.js';
import type { WalkForwardResult } from './walk-forward.js';

/** Per-pattern outcome statistics of a replay. */
export interface PatternStats {
  readonly count: number;
  /** Share of signals that reached TP1 (whatever happened after). */
  readonly tp1Rate: number;
  /** Share of signals that ended on their stop. */
  readonly stopRate: number;
  /** Mean result in R over the signals that have ended. */
  readonly averageR: number | null;
  readonly closed: number;
}

/** The machine-readable summary `npm start -- --json` prints on its last line. */
export interface ReplaySummary {
  readonly symbols: string[];
  readonly timeframe: string;
  readonly bars: number;
  readonly signals: number;
  readonly rejected: number;
  readonly blocked: Record<string, number>;
  readonly outcomes: Partial<Record<SignalStatus, number>>;
  readonly byPattern: Partial<Record<PatternName, PatternStats>>;
  readonly averageR: number | null;
  readonly durationMs: number;
}

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Whether a signal has ended (the result in R is final). */
export function hasEnded(signal: Signal): boolean {
  return signal.exitTime !== null;
}

function patternStats(signals: Signal[], reachedTp1: Set<string>): PatternStats {
  const ended = signals.filter(hasEnded);
  return {
    count: signals.length,
    tp1Rate: signals.filter((s) => reachedTp1.has(s.signalId)).length / signals.length,
    stopRate: signals.filter((s) => s.status === 'STOPPED').length / signals.length,
    averageR: mean(ended.map((s) => s.realizedR)),
    closed: ended.length,
  };
}

/** Folds the per-series results of a replay into the summary. */
export function summarize(results: readonly WalkForwardResult[], timeframe: string, durationMs: number): ReplaySummary {
  const signals = results.flatMap((r) => r.signals);
  const events: LifecycleEvent[] = results.flatMap((r) => r.events);
  const reachedTp1 = new Set(events.filter((e) => e.type === 'signal.tp1').map((e) => e.signalId));
  const outcomes: Partial<Record<SignalStatus, number>> = {};
  const byPatternSignals = new Map<PatternName, Signal[]>();
  for (const signal of signals) {
    outcomes[signal.status] = (outcomes[signal.status] ?? 0) + 1;
    byPatternSignals.set(signal.pattern, [...(byPatternSignals.get(signal.pattern) ?? []), signal]);
  }
  const byPattern: Partial<Record<PatternName, PatternStats>> = {};
  for (const [pattern, group] of [...byPatternSignals].sort((a, b) => b[1].length - a[1].length)) {
    byPattern[pattern] = patternStats(group, reachedTp1);
  }
  const blocked: Record<string, number> = {};
  for (const result of results) {
    for (const [reason, count] of Object.entries(result.blocked)) blocked[reason] = (blocked[reason] ?? 0) + count;
  }
  return {
    symbols: [...new Set(results.map((r) => r.series.symbol))],
    timeframe,
    bars: results.reduce((sum, r) => sum + r.steps, 0),
    signals: signals.length,
    rejected: results.reduce((sum, r) => sum + r.rejected.length, 0),
    blocked,
    outcomes,
    byPattern,
    averageR: mean(signals.filter(hasEnded).map((s) => s.realizedR)),
    durationMs: Math.round(durationMs),
  };
}
