import type { PatternName } from '../../shared/domain/patterns.js';
import type { ExitReason, Signal, SignalStatus } from '../../shared/domain/signal.js';
import { outcomeOf, outcomeStatistics, statisticsBy } from '../../shared/domain/statistics.js';
import type { ClosedOutcome, OutcomeStatistics } from '../../shared/domain/statistics.js';

/** The statistics of the ended signals of a pattern (or of all), and how many are still open. */
export interface PatternStats extends OutcomeStatistics {
  readonly open: number;
}

/** What every replay summary holds about its signals. */
export interface SignalSummary {
  readonly signals: number;
  readonly outcomes: Partial<Record<SignalStatus, number>>;
  readonly exitReasons: Partial<Record<ExitReason, number>>;
  /** Per pattern, most ended signals first (`shared/domain/statistics.ts`). */
  readonly byPattern: Partial<Record<PatternName, PatternStats>>;
  readonly all: PatternStats;
  /** Mean R of the ended signals, gross and net of costs. */
  readonly averageR: number | null;
  readonly averageRNet: number | null;
  /** Signals decided under an older version of the lifecycle rules (a store written before an upgrade). */
  readonly olderRules: number;
}

/** Outcomes by status, exit reason and pattern of a set of signals; the statistics come from the ended ones. */
export function summarizeSignals(signals: readonly Signal[], rulesVersion: number): SignalSummary {
  const outcomes: Partial<Record<SignalStatus, number>> = {};
  const exitReasons: Partial<Record<ExitReason, number>> = {};
  const closed: ClosedOutcome[] = [];
  const openByPattern = new Map<PatternName, number>();
  for (const signal of signals) {
    outcomes[signal.status] = (outcomes[signal.status] ?? 0) + 1;
    const outcome = outcomeOf(signal);
    if (outcome === null) {
      openByPattern.set(signal.pattern, (openByPattern.get(signal.pattern) ?? 0) + 1);
      continue;
    }
    exitReasons[outcome.exitReason] = (exitReasons[outcome.exitReason] ?? 0) + 1;
    closed.push(outcome);
  }
  const byPattern: Partial<Record<PatternName, PatternStats>> = {};
  for (const [pattern, stats] of statisticsBy(closed, (outcome) => outcome.pattern)) {
    byPattern[pattern] = { ...stats, open: openByPattern.get(pattern) ?? 0 };
  }
  for (const [pattern, open] of openByPattern) byPattern[pattern] ??= { ...outcomeStatistics([]), open };
  const all = { ...outcomeStatistics(closed), open: signals.length - closed.length };
  return {
    signals: signals.length,
    outcomes,
    exitReasons,
    byPattern,
    all,
    averageR: all.averageRGross,
    averageRNet: all.averageRNet,
    olderRules: signals.filter((signal) => signal.rulesVersion < rulesVersion).length,
  };
}
