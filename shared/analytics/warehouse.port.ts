import { InvalidArgumentError } from '../errors/errors.js';
import type { FactBatch } from './fact-tables.js';

/** One value of a query result: timestamps as ISO-8601 UTC strings, integers and floats as numbers. */
export type AnalyticsValue = string | number | boolean | null;
export type AnalyticsRow = Readonly<Record<string, AnalyticsValue>>;

/**
 * Where facts are archived and the views read: BigQuery deployed, a DuckDB file locally. `append` is
 * append-only with insertId = event id; a row the table refuses throws `RowRefusedError` (a poison message:
 * no retry can fix it), anything else thrown is transient.
 */
export interface Warehouse {
  append(batch: FactBatch): Promise<void>;
  /** Runs one query over the tables and views (`dataset` names their prefix in the SQL). */
  query(sql: string): Promise<AnalyticsRow[]>;
  /** The prefix of the tables and views in SQL: `project.dataset` on BigQuery, `main` on DuckDB. */
  readonly dataset: string;
  close(): Promise<void>;
}

/** The warehouse's schema refuses a row: names the table and the field, never retried. */
export class RowRefusedError extends InvalidArgumentError {
  constructor(
    readonly table: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${table}.${field}`, `refused by the warehouse: ${reason}`);
  }
}
