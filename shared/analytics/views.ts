/**
 * The analytics views, written once in the SQL both BigQuery and DuckDB run (DuckDB gets the few BigQuery
 * functions it lacks from `DUCKDB_MACROS`). `d` is the dataset prefix: `project.dataset` on BigQuery (Terraform
 * substitutes it), `main` on DuckDB.
 *
 * Facts are append-only and a redelivered event may be archived twice: every view keeps one row per event id,
 * and per signal the state with the highest lifecycle sequence (never the latest arrival): all copies of one
 * event carry the same sequence, so that one ranking also drops the copies.
 */

/** Columns the performance statistics can be grouped by. */
export const PERFORMANCE_KEYS = ['pattern', 'asset_class', 'timeframe', 'month'] as const;
export type PerformanceKey = (typeof PERFORMANCE_KEYS)[number];

const signalsSql = (d: string) => `SELECT *
FROM ${d}.fact_signals
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY signal_id ORDER BY sequence DESC, event_id, archived_at) = 1`;

/** One row per event id, the first archived (BigQuery wants a WHERE beside QUALIFY). */
const firstPerEvent = (table: string) => `SELECT *
FROM ${table}
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY archived_at) = 1`;

const outcomesSql = (d: string) => `SELECT
  signal_id, symbol, asset_class, timeframe, pattern, conviction, created_at, exit_time, exit_reason,
  r_gross, r_net, bars_held, tp1_reached, FORMAT_TIMESTAMP('%Y-%m', exit_time) AS month
FROM ${d}.v_signals
WHERE exit_time IS NOT NULL AND r_net IS NOT NULL`;

/**
 * The performance statistics of the closed signals in `source` (rows shaped like `v_signal_outcomes`), per
 * `keys`: count, win rate (net R > 0), TP1 rate, stop rate (exit on the initial stop; STOP_LOSS before rules
 * version 2), expectancy (mean net R), mean gross R, profit factor (gains over losses,
 * null without a loss), maximum drawdown of the cumulative net R curve in exit order (from 0), mean bars held and
 * the share that expired. The views and `sentinel report` use this one query.
 */
export function performanceSql(source: string, keys: readonly PerformanceKey[]): string {
  const partition = keys.length === 0 ? '' : `PARTITION BY ${keys.join(', ')} `;
  const select = keys.length === 0 ? '' : `${keys.join(', ')}, `;
  const group = keys.length === 0 ? '' : `\nGROUP BY ${keys.join(', ')}`;
  const order = `${partition}ORDER BY exit_time, signal_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
  return `WITH curve AS (
  SELECT *, SUM(r_net) OVER (${order}) AS cum_r
  FROM ${source}
),
drawdowns AS (
  SELECT *, GREATEST(0, MAX(cum_r) OVER (${order})) - cum_r AS drawdown_r
  FROM curve
)
SELECT ${select}COUNT(*) AS signals,
  COUNTIF(r_net > 0) AS wins,
  SAFE_DIVIDE(COUNTIF(r_net > 0), COUNT(*)) AS win_rate,
  SAFE_DIVIDE(COUNTIF(tp1_reached), COUNT(*)) AS tp1_rate,
  SAFE_DIVIDE(COUNTIF(exit_reason IN ('STOP', 'STOP_LOSS')), COUNT(*)) AS stop_rate,
  AVG(r_net) AS expectancy_r,
  AVG(r_gross) AS avg_r_gross,
  SUM(r_net) AS total_r,
  SAFE_DIVIDE(SUM(CASE WHEN r_net > 0 THEN r_net ELSE 0 END), -SUM(CASE WHEN r_net < 0 THEN r_net ELSE 0 END)) AS profit_factor,
  GREATEST(0, MAX(drawdown_r)) AS max_drawdown_r,
  AVG(bars_held) AS avg_bars_held,
  SAFE_DIVIDE(COUNTIF(exit_reason = 'EXPIRED'), COUNT(*)) AS expired_share
FROM drawdowns${group}`;
}

/** Cumulative net R and its drawdown from the running peak (from 0), the closed signals of `source` in exit order. */
export function rCurveSql(source: string): string {
  const order = 'ORDER BY exit_time, signal_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
  return `WITH curve AS (
  SELECT signal_id, symbol, pattern, asset_class, timeframe, exit_time, exit_reason, r_gross, r_net,
    SUM(r_net) OVER (${order}) AS cum_r
  FROM ${source}
)
SELECT *, GREATEST(0, MAX(cum_r) OVER (${order})) - cum_r AS drawdown_r
FROM curve`;
}

const tradesSql = (d: string) => firstPerEvent(`${d}.fact_trades`);

const accountEquitySql = (d: string) => `WITH snapshots AS (
${firstPerEvent(`${d}.snapshot_accounts`)}
),
peaks AS (
  SELECT symbol AS account, as_of, equity, cash, positions, simulated,
    MAX(equity) OVER (PARTITION BY symbol ORDER BY as_of, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS peak_equity
  FROM snapshots
)
SELECT *, peak_equity - equity AS drawdown, SAFE_DIVIDE(peak_equity - equity, peak_equity) AS drawdown_share
FROM peaks`;

export interface ViewDefinition {
  readonly name: string;
  readonly description: string;
  readonly sql: (dataset: string) => string;
}

/** Every view, in dependency order (a view only reads the tables and the views before it). */
export const VIEWS: readonly ViewDefinition[] = [
  {
    name: 'v_signals',
    description: 'Each signal in its latest state (highest lifecycle sequence), one row per event id.',
    sql: signalsSql,
  },
  { name: 'v_signal_outcomes', description: 'Closed signals with their results in R and exit month.', sql: outcomesSql },
  {
    name: 'v_performance',
    description:
      'Per pattern, asset class, timeframe and exit month: count, win rate, expectancy, profit factor, max drawdown, bars held, expired share.',
    sql: (d) => performanceSql(`${d}.v_signal_outcomes`, PERFORMANCE_KEYS),
  },
  {
    name: 'v_performance_by_pattern',
    description: 'The performance statistics per pattern over all time.',
    sql: (d) => performanceSql(`${d}.v_signal_outcomes`, ['pattern']),
  },
  {
    name: 'v_r_curve',
    description: 'Cumulative net R and its drawdown, closed signals in exit order.',
    sql: (d) => rCurveSql(`${d}.v_signal_outcomes`),
  },
  { name: 'v_trades', description: 'Paper trading facts, one row per event id.', sql: tradesSql },
  {
    name: 'v_account_equity',
    description: "The paper account's equity curve and drawdown from its peak.",
    sql: accountEquitySql,
  },
];

/**
 * DuckDB lacks a few BigQuery functions the views use; these macros give them BigQuery's meaning
 * (`SAFE_DIVIDE` is NULL on a zero divisor; `FORMAT_TIMESTAMP` formats in UTC, the timestamps are stored in UTC).
 */
export const DUCKDB_MACROS: readonly string[] = [
  'CREATE OR REPLACE MACRO SAFE_DIVIDE(a, b) AS CASE WHEN b IS NULL OR b = 0 THEN NULL ELSE a / b END',
  'CREATE OR REPLACE MACRO FORMAT_TIMESTAMP(fmt, ts) AS strftime(ts, fmt)',
];
