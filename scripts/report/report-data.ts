import { performanceSql, rCurveSql } from '../../shared/analytics/views.js';
import type { PerformanceKey } from '../../shared/analytics/views.js';
import type { AnalyticsRow, Warehouse } from '../../shared/analytics/warehouse.port.js';

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
  readonly expectancy_r: number | null;
  readonly avg_r_gross: number | null;
  readonly total_r: number | null;
  readonly profit_factor: number | null;
  readonly max_drawdown_r: number | null;
  readonly avg_bars_held: number | null;
  readonly expired_share: number | null;
}

export interface CurvePoint {
  readonly exitTime: string;
  readonly symbol: string;
  readonly pattern: string;
  readonly rNet: number;
  readonly cumR: number;
  readonly drawdownR: number;
}

export interface EquityPoint {
  readonly asOf: string;
  readonly equity: number;
  readonly peakEquity: number;
  readonly drawdown: number;
  readonly drawdownShare: number | null;
}

/** Everything `sentinel report` shows, read from the views. */
export interface ReportData {
  readonly range: ReportRange;
  readonly total: PerformanceStats | null;
  readonly byPattern: readonly PerformanceStats[];
  readonly byGroup: readonly PerformanceStats[];
  readonly curve: readonly CurvePoint[];
  readonly account: readonly EquityPoint[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a `YYYY-MM-DD` that exists: the only text a report puts into SQL. */
export function isReportDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** `column` within the range, as SQL both engines read (dates were checked by `isReportDate`). */
function rangeFilter(column: string, range: ReportRange): string {
  const parts = ['TRUE'];
  if (range.from !== undefined) parts.push(`${column} >= TIMESTAMP '${range.from} 00:00:00'`);
  if (range.to !== undefined) parts.push(`${column} < TIMESTAMP '${dayAfter(range.to)} 00:00:00'`);
  return parts.join(' AND ');
}

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

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
export async function performanceIn(warehouse: Warehouse, range: ReportRange, keys: readonly PerformanceKey[]): Promise<PerformanceStats[]> {
  const source = `(SELECT * FROM ${warehouse.dataset}.v_signal_outcomes WHERE ${rangeFilter('exit_time', range)})`;
  const order = keys.length === 0 ? '' : ` ORDER BY ${keys.join(', ')}`;
  const rows = await warehouse.query(`SELECT * FROM (${performanceSql(source, keys)})${order}`);
  return rows.map(stats).filter((row) => row.signals > 0);
}

/** Reads the report of `range` from the views. */
export async function loadReport(warehouse: Warehouse, range: ReportRange): Promise<ReportData> {
  const [total] = await performanceIn(warehouse, range, []);
  const byPattern = await performanceIn(warehouse, range, ['pattern']);
  const byGroup = await performanceIn(warehouse, range, ['pattern', 'asset_class', 'timeframe', 'month']);
  const outcomes = `(SELECT * FROM ${warehouse.dataset}.v_signal_outcomes WHERE ${rangeFilter('exit_time', range)})`;
  const curveRows = await warehouse.query(`SELECT * FROM (${rCurveSql(outcomes)}) ORDER BY exit_time, signal_id`);
  const accountRows = await warehouse.query(
    `SELECT * FROM ${warehouse.dataset}.v_account_equity WHERE ${rangeFilter('as_of', range)} ORDER BY as_of`,
  );
  return {
    range,
    total: total ?? null,
    byPattern,
    byGroup,
    curve: curveRows.map((row) => ({
      exitTime: String(row.exit_time),
      symbol: String(row.symbol),
      pattern: String(row.pattern),
      rNet: num(row.r_net) ?? 0,
      cumR: num(row.cum_r) ?? 0,
      drawdownR: num(row.drawdown_r) ?? 0,
    })),
    account: accountRows.map((row) => ({
      asOf: String(row.as_of),
      equity: num(row.equity) ?? 0,
      peakEquity: num(row.peak_equity) ?? 0,
      drawdown: num(row.drawdown) ?? 0,
      drawdownShare: num(row.drawdown_share),
    })),
  };
}
