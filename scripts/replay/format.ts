import type { Signal } from '../../shared/domain/signal.js';
import { formatPrice } from '../../shared/format/price.js';
import { table } from '../cli/table.js';
import type { PatternStats, SignalSummary } from './summary.js';

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(0)}%`);
const r = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}R`);
const ratio = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** One line per signal: when, what, levels and how it ended (R gross and net of costs). */
export function formatSignals(signals: readonly Signal[]): string {
  const rows = [...signals]
    .sort((a, b) => a.barTimestamp.localeCompare(b.barTimestamp) || a.symbol.localeCompare(b.symbol))
    .map((s) => [
      s.barTimestamp.slice(0, 10),
      s.symbol,
      s.pattern,
      formatPrice(s.entry),
      formatPrice(s.stop),
      formatPrice(s.tp1),
      s.status,
      s.exitReason ?? 'open',
      s.exitTime ? r(s.realizedR) : '',
      s.exitTime ? r(s.realizedRNet) : '',
    ]);
  return table(['bar', 'symbol', 'pattern', 'entry', 'stop', 'tp1', 'status', 'exit', 'R gross', 'R net'], rows);
}

function statsRow(name: string, s: PatternStats): string[] {
  return [
    name,
    String(s.count),
    pct(s.winRate),
    pct(s.tp1Rate),
    pct(s.stopRate),
    pct(s.expiredShare),
    r(s.averageRGross),
    r(s.averageRNet),
    r(s.expectancy),
    ratio(s.profitFactor),
    String(s.open),
  ];
}

/**
 * The per-pattern table over the ended signals (`shared/domain/statistics.ts`): count, win rate (net R > 0), TP1
 * rate, stop rate (initial stop), expired share, average R gross and net, expectancy (net R per signal), profit factor.
 */
export function formatPatternTable(summary: SignalSummary): string {
  const rows = Object.entries(summary.byPattern).map(([pattern, s]) => statsRow(pattern, s));
  rows.push(statsRow('all', summary.all));
  return table(
    [
      'pattern',
      'count',
      'win rate',
      'TP1 rate',
      'stop rate',
      'expired',
      'avg R gross',
      'avg R net',
      'expectancy',
      'profit factor',
      'open',
    ],
    rows,
  );
}
