import { rCurveSql } from '../../shared/analytics/views.js';
import type { Warehouse } from '../../shared/analytics/warehouse.port.js';
import { num, performanceIn, rangeFilter } from '../../shared/analytics/performance.js';
import type { PerformanceStats, ReportRange } from '../../shared/analytics/performance.js';

export type { PerformanceStats, ReportRange } from '../../shared/analytics/performance.js';

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
