/**
 * The analytics tables, defined once: BigQuery's schemas in Terraform (terraform/bigquery/*.json), the DuckDB
 * tables of the local run and the local BigQuery server of the tests are all made from these rows. Changes are
 * additive only: a new column is appended, NULLABLE, and never a replacement of the table (DESIGN decision 16).
 */
export type ColumnType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'TIMESTAMP';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly mode: 'REQUIRED' | 'NULLABLE';
  readonly description: string;
}

export interface FactTable {
  readonly name: FactTableName;
  readonly description: string;
  /** Partitions of this many days after their archive date are dropped (partition expiration, never table expiration). */
  readonly partitionExpirationDays: number;
  readonly columns: readonly Column[];
}

export const FACT_TABLE_NAMES = ['fact_signals', 'fact_signal_events', 'fact_trades', 'snapshot_accounts'] as const;
export type FactTableName = (typeof FACT_TABLE_NAMES)[number];

/** Every table is partitioned by day on this column: when the row was archived, never a bar's date. */
export const PARTITION_COLUMN = 'archived_at';
/** Every table is clustered on these columns. */
export const CLUSTERING = ['symbol'] as const;

const ONE_YEAR_DAYS = 365;
const SEVEN_YEARS_DAYS = 7 * 365 + 2;

const req = (name: string, type: ColumnType, description: string): Column => ({ name, type, mode: 'REQUIRED', description });
const opt = (name: string, type: ColumnType, description: string): Column => ({ name, type, mode: 'NULLABLE', description });

const ARCHIVE_COLUMNS: readonly Column[] = [
  req('event_id', 'STRING', 'the event this row was made from; also the insertId'),
  req('archived_at', 'TIMESTAMP', 'when archiveAnalytics wrote the row (the partition column)'),
  req('occurred_at', 'TIMESTAMP', 'when the event happened'),
  req('event_type', 'STRING', 'the event type, e.g. signal.tp1'),
];

export const FACT_TABLES: Readonly<Record<FactTableName, FactTable>> = {
  fact_signals: {
    name: 'fact_signals',
    description: 'One row per signal state (each created and lifecycle event); views keep the highest sequence per signal.',
    partitionExpirationDays: ONE_YEAR_DAYS,
    columns: [
      ...ARCHIVE_COLUMNS,
      req('signal_id', 'STRING', 'UUIDv5 of symbol|timeframe|PATTERN|barOpenTime'),
      req('sequence', 'INT64', 'the lifecycle sequence of this state; higher is later'),
      req('symbol', 'STRING', 'e.g. BTC/USD'),
      req('asset_class', 'STRING', 'CRYPTO or EQUITY'),
      req('timeframe', 'STRING', '1Day, 4Hour or 1Hour'),
      req('pattern', 'STRING', 'the pattern that made the signal'),
      req('conviction', 'STRING', 'HIGH or STANDARD'),
      opt('classification', 'STRING', 'STANDARD_PATTERN or MACRO_PATTERN'),
      req('bar_timestamp', 'TIMESTAMP', 'open time of the signal bar'),
      req('created_at', 'TIMESTAMP', 'when the signal was decided'),
      opt('valid_until', 'TIMESTAMP', 'end of the entry window'),
      req('entry', 'FLOAT64', 'entry price'),
      req('stop', 'FLOAT64', 'initial stop'),
      opt('invalidation', 'FLOAT64', 'structural invalidation level'),
      req('tp1', 'FLOAT64', 'first target'),
      req('tp2', 'FLOAT64', 'second target'),
      req('tp3', 'FLOAT64', 'third target, or the trailing stop of the runner'),
      opt('risk_reward', 'FLOAT64', 'planned reward to risk'),
      req('status', 'STRING', 'status after this event'),
      opt('current_stop', 'FLOAT64', 'the stop in force'),
      opt('open_fraction', 'FLOAT64', 'fraction of the position still open'),
      opt('exit_reason', 'STRING', 'why the signal ended (STOP, TP3, EXPIRED, ...)'),
      opt('exit_price', 'FLOAT64', 'exit price'),
      opt('exit_time', 'TIMESTAMP', 'when the signal ended'),
      opt('r_gross', 'FLOAT64', 'result in R before fees and slippage'),
      opt('r_net', 'FLOAT64', 'result in R after fees and slippage'),
      opt('bars_held', 'INT64', 'bars from the signal bar to the last bar applied'),
      opt('engine_version', 'STRING', 'provenance: engine version'),
      opt('params_hash', 'STRING', 'provenance: hash of the engine parameters'),
      opt('first_bar', 'TIMESTAMP', 'provenance: first bar of the analysis'),
      opt('last_bar', 'TIMESTAMP', 'provenance: last bar of the analysis'),
      opt('bars_used', 'INT64', 'provenance: bars in the analysis'),
      opt('tp1_reached', 'BOOL', 'whether TP1 was filled, whatever happened after'),
    ],
  },
  fact_signal_events: {
    name: 'fact_signal_events',
    description: 'Every signal event as it happened (created, rejected, each lifecycle step).',
    partitionExpirationDays: ONE_YEAR_DAYS,
    columns: [
      ...ARCHIVE_COLUMNS,
      req('signal_id', 'STRING', 'the signal (or shadow signal) of the event'),
      req('sequence', 'INT64', 'the lifecycle sequence of the event'),
      req('symbol', 'STRING', 'e.g. BTC/USD'),
      req('asset_class', 'STRING', 'CRYPTO or EQUITY'),
      req('timeframe', 'STRING', '1Day, 4Hour or 1Hour'),
      opt('pattern', 'STRING', 'the pattern of the signal'),
      opt('bar_timestamp', 'TIMESTAMP', 'the bar that caused the event'),
      opt('status', 'STRING', 'status after the event'),
      opt('price', 'FLOAT64', 'fill, exit or trailing price of the step'),
      opt('realized_r', 'FLOAT64', 'running result in R after the step'),
      opt('exit_reason', 'STRING', 'exit reason, on a terminal step'),
      opt('reasons', 'STRING', 'why a shadow signal was rejected, joined by "; "'),
      opt('payload', 'STRING', 'the event as JSON (without chart bars)'),
    ],
  },
  fact_trades: {
    name: 'fact_trades',
    description: 'Paper trading: every trade.* event (orders, fills, skips, closes) with prices, fees and slippage.',
    partitionExpirationDays: SEVEN_YEARS_DAYS,
    columns: [
      ...ARCHIVE_COLUMNS,
      opt('signal_id', 'STRING', 'the signal traded'),
      req('symbol', 'STRING', 'e.g. BTC/USD'),
      opt('asset_class', 'STRING', 'CRYPTO or EQUITY'),
      opt('client_order_id', 'STRING', 'deterministic client order id'),
      opt('broker_order_id', 'STRING', 'the broker order id'),
      opt('leg', 'STRING', 'entry, stop, tp1, tp2, runner, ...'),
      opt('side', 'STRING', 'buy or sell'),
      opt('order_type', 'STRING', 'market, limit, stop_limit, bracket, ...'),
      opt('qty', 'FLOAT64', 'quantity ordered or filled'),
      opt('planned_price', 'FLOAT64', 'the price the plan expected'),
      opt('fill_price', 'FLOAT64', 'average fill price'),
      opt('notional', 'FLOAT64', 'quantity × price'),
      opt('fees', 'FLOAT64', 'fees paid'),
      opt('slippage', 'FLOAT64', 'fill price minus planned price, signed against the trader'),
      opt(
        'realized_pnl',
        'FLOAT64',
        "the position's realized profit or loss after this event (trade.fee: with a fee posted after its close)",
      ),
      opt('reason', 'STRING', 'why a trade was skipped or closed'),
      opt('simulated', 'BOOL', 'true for the simulated broker'),
      opt('payload', 'STRING', 'the event as JSON'),
    ],
  },
  snapshot_accounts: {
    name: 'snapshot_accounts',
    description: 'Paper account snapshots: equity, cash, buying power, open positions.',
    partitionExpirationDays: SEVEN_YEARS_DAYS,
    columns: [
      ...ARCHIVE_COLUMNS,
      req('symbol', 'STRING', 'clustering column; the account id for account rows'),
      req('as_of', 'TIMESTAMP', 'the moment the snapshot describes'),
      req('equity', 'FLOAT64', 'account equity'),
      opt('last_equity', 'FLOAT64', 'equity at the previous close'),
      opt('cash', 'FLOAT64', 'cash'),
      opt('buying_power', 'FLOAT64', 'buying power'),
      opt('non_marginable_buying_power', 'FLOAT64', 'buying power for crypto'),
      opt('positions', 'INT64', 'open positions'),
      opt('simulated', 'BOOL', 'true for the simulated broker'),
    ],
  },
};

/** One row to append: its insertId (the event id) and its values by column name. */
export interface FactRow {
  readonly insertId: string;
  readonly json: Readonly<Record<string, string | number | boolean | null>>;
}

/** The rows of one table that one event (or a batch of events) produces. */
export type FactBatch = Partial<Record<FactTableName, FactRow[]>>;
