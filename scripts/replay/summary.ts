import type { PatternName } from '../../shared/domain/patterns.js';
import type { Signal, SignalStatus } from '../../shared/domain/signal.js';

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

/** What every replay summary holds about its signals. */
export interface SignalSummary {
  readonly signals: number;
  readonly outcomes: Partial<Record<SignalStatus, number>>;
  readonly byPattern: Partial<Record<PatternName, PatternStats>>;
  readonly averageR: number | null;
}

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Whether a signal has ended (the result in R is final). */
export function hasEnded(signal: Signal): boolean {
  return signal.exitTime !== null;
}

/** The stop only moves at TP1 (to entry) and TP2 (to TP1), so a stop at or above entry means TP1 was taken. */
export function reachedTp1(signal: Signal): boolean {
  return signal.currentStop >= signal.entry;
}

function patternStats(signals: Signal[]): PatternStats {
  const ended = signals.filter(hasEnded);
  return {
    count: signals.length,
    tp1Rate: signals.filter(reachedTp1).length / signals.length,
    stopRate: signals.filter((s) => s.status === 'STOPPED').length / signals.length,
    averageR: mean(ended.map((s) => s.realizedR)),
    closed: ended.length,
  };
}

/** Outcomes by status and by pattern (most frequent first) of a set of signals. */
export function summarizeSignals(signals: readonly Signal[]): SignalSummary {
  const outcomes: Partial<Record<SignalStatus, number>> = {};
  const groups = new Map<PatternName, Signal[]>();
  for (const signal of signals) {
    outcomes[signal.status] = (outcomes[signal.status] ?? 0) + 1;
    groups.set(signal.pattern, [...(groups.get(signal.pattern) ?? []), signal]);
  }
  const byPattern: Partial<Record<PatternName, PatternStats>> = {};
  for (const [pattern, group] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    byPattern[pattern] = patternStats(group);
  }
  return { signals: signals.length, outcomes, byPattern, averageR: mean(signals.filter(hasEnded).map((s) => s.realizedR)) };
}
