import type { Signal } from '../../shared/domain/signal.js';
import { formatPrice } from '../../shared/format/price.js';
import { table } from '../cli/table.js';
import type { SignalSummary } from './summary.js';

const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
const r = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}R`);

/** One line per signal: when, what, levels and how it ended. */
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
      s.exitTime ? r(s.realizedR) : 'open',
    ]);
  return table(['bar', 'symbol', 'pattern', 'entry', 'stop', 'tp1', 'status', 'result'], rows);
}

/** The per-pattern table: count, TP1 rate, stop rate, average result in R. */
export function formatPatternTable(summary: SignalSummary): string {
  const rows = Object.entries(summary.byPattern).map(([pattern, s]) => [
    pattern,
    String(s.count),
    pct(s.tp1Rate),
    pct(s.stopRate),
    r(s.averageR),
    String(s.closed),
  ]);
  rows.push(['all', String(summary.signals), '', '', r(summary.averageR), '']);
  return table(['pattern', 'count', 'TP1 rate', 'stop rate', 'avg R', 'ended'], rows);
}
