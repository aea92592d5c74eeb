import { shiftDate } from '../domain/calendar-date.js';
import { performanceSql } from './views.js';
import type { PerformanceKey } from './views.js';
import type { AnalyticsRow, Warehouse } from './warehouse.port.js';

/** The exit dates a report covers, `YYYY-MM-DD`, both ends included; open ends when absent. */
export interface ReportRange {
  readonly from?: string;
  readonly to?: string;
}

/** The statistics of one group of closed signals (`v_performance`'s columns). */
export interface PerformanceStats {
  readonly pattern?: string;
  readonly asset_class?: string;
  readonly timeframe?: string;
  readonly month?: string;
  readonly signals: number;
  readonly wins: number;
  readonly win_rate: number | null;
  readonly tp1_rate: number | null;
  readonly stop_rate: number | null;
  readonly expectancy_r: number | null;
  readonly avg_r_gross: number | null;
  readonly total_r: number | null;
  readonly profit_factor: number | null;
  readonly max_drawdown_r: number | null;
  readonly avg_bars_held: number | null;
  readonly expired_share: number | null;
}

/** `column` within the range, as SQL both engines read (dates checked by `isCalendarDate`: the only text a report puts into SQL). */
export function rangeFilter(column: string, range: ReportRange): string {
  const parts = ['TRUE'];
  if (range.from !== undefined) parts.push(`${column} >= TIMESTAMP '${range.from} 00:00:00'`);
  if (range.to !== undefined) parts.push(`${column} < TIMESTAMP '${shiftDate(range.to, 1)} 00:00:00'`);
  return parts.join(' AND ');
}

export const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function stats(row: AnalyticsRow): PerformanceStats {
  const text = (key: string) => (typeof row[key] === 'string' ? { [key]: row[key] } : {});
  return {
    ...text('pattern'),
    ...text('asset_class'),
    ...text('timeframe'),
    ...text('month'),
    signals: num(row.signals) ?? 0,
    wins: num(row.wins) ?? 0,
    win_rate: num(row.win_rate),
    tp1_rate: num(row.tp1_rate),
    stop_rate: num(row.stop_rate),
    expectancy_r: num(row.expectancy_r),
    avg_r_gross: num(row.avg_r_gross),
    total_r: num(row.total_r),
    profit_factor: num(row.profit_factor),
    max_drawdown_r: num(row.max_drawdown_r),
    avg_bars_held: num(row.avg_bars_held),
    expired_share: num(row.expired_share),
  };
}

/** The performance statistics of the closed signals whose exit lies in `range`, per `keys` (the views' query). */
export async function performanceIn(
  warehouse: Warehouse,
  range: ReportRange,
  keys: readonly PerformanceKey[],
): Promise<PerformanceStats[]> {
  const source = `(SELECT * FROM ${warehouse.dataset}.v_signal_outcomes WHERE ${rangeFilter('exit_time', range)})`;
  const order = keys.length === 0 ? '' : ` ORDER BY ${keys.join(', ')}`;
  const rows = await warehouse.query(`SELECT * FROM (${performanceSql(source, keys)})${order}`);
  return rows.map(stats).filter((row) => row.signals > 0);
}
