import type * as BigQuerySdk from '@google-cloud/bigquery';
import { lazyPackage } from '../runtime/lazy-package.js';

const bigQuerySdk = lazyPackage<typeof BigQuerySdk>('@google-cloud/bigquery');
import type { Table } from '@google-cloud/bigquery';
import { FACT_TABLE_NAMES } from './fact-tables.js';
import type { FactRow, FactTableName } from './fact-tables.js';
import { rowProblem } from './row-check.js';
import { RowRefusedError } from './warehouse.port.js';
import type { AnalyticsValue, Warehouse } from './warehouse.port.js';

export interface BigQueryWarehouseOptions {
  readonly projectId: string;
  readonly dataset: string;
  /** Every query is refused by BigQuery beyond this many bytes billed (default 1 GB). */
  readonly maximumBytesBilled?: number;
  /** A local server speaking BigQuery's REST format (tests); Google's endpoint when absent. */
  readonly apiEndpoint?: string;
  /** How often one row is retried alone after a partial insert failure (default 3). */
  readonly rowAttempts?: number;
}

export const DEFAULT_MAXIMUM_BYTES_BILLED = 1_000_000_000;

/** BigQuery's per-row insert error, as the client reports a partial failure. */
interface RowFailure {
  readonly row: FactRow;
  readonly errors: readonly { readonly reason?: string; readonly message?: string }[];
}

function failuresOf(error: unknown): RowFailure[] | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'PartialFailureError')
    return undefined;
  const errors: unknown = Reflect.get(error, 'errors');
  return Array.isArray(errors) ? (errors as RowFailure[]) : undefined;
}

const isInvalid = (failure: RowFailure) => failure.errors.some((e) => e.reason === 'invalid');

/** The field BigQuery names in its message ("no such field: x."), else the one our schema check finds. */
function refusal(table: FactTableName, failure: RowFailure): RowRefusedError {
  const message = failure.errors.find((e) => e.reason === 'invalid')?.message ?? 'invalid row';
  const named = /field:?\s+([A-Za-z_][A-Za-z0-9_.]*)/.exec(message)?.[1]?.replace(/\.$/, '');
  const field = named ?? rowProblem(table, failure.row.json)?.field ?? 'row';
  return new RowRefusedError(table, field, message);
}

/** A BigQuery value as the port gives it: timestamps ISO-8601, numbers as numbers. */
function plain(value: unknown): AnalyticsValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && 'value' in value) return plain(value.value);
  return String(value);
}

/**
 * Facts appended to BigQuery with `tabledata.insertAll`, rows sent raw as `{insertId, json}` so the insertId is
 * the event id (the client would invent a random one). A row the schema refuses (checked first) refuses its table's
 * batch before anything is sent; a partial failure is retried row by row, and a row BigQuery refuses throws
 * `RowRefusedError` naming the field after the good rows landed.
 */
export function createBigQueryWarehouse(options: BigQueryWarehouseOptions): Warehouse {
  const { BigQuery } = bigQuerySdk();
  const client = new BigQuery({
    projectId: options.projectId,
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
  const dataset = client.dataset(options.dataset);
  const rowAttempts = options.rowAttempts ?? 3;
  const maximumBytesBilled = String(options.maximumBytesBilled ?? DEFAULT_MAXIMUM_BYTES_BILLED);

  // Null columns are left out, so a row whose new column is empty still fits a table not yet migrated.
  const insert = (table: Table, rows: readonly FactRow[]) =>
    table.insert(
      rows.map((row) => ({
        insertId: row.insertId,
        json: Object.fromEntries(Object.entries(row.json).filter(([, v]) => v !== null)),
      })),
      { raw: true, partialRetries: 0 },
    );

  async function appendTable(name: FactTableName, rows: readonly FactRow[]): Promise<void> {
    for (const row of rows) {
      const problem = rowProblem(name, row.json);
      if (problem) throw new RowRefusedError(name, problem.field, problem.reason);
    }
    const table = dataset.table(name);
    let failures: RowFailure[];
    try {
      await insert(table, rows);
      return;
    } catch (error) {
      failures = failuresOf(error) ?? [];
      if (failures.length === 0) throw error;
    }
    let refused: RowRefusedError | undefined;
    for (const failure of failures) {
      if (isInvalid(failure)) {
        refused ??= refusal(name, failure);
        continue;
      }
      // Rows stopped because another row was invalid, or hit by a transient error: each alone, a few times.
      for (let attempt = 1; ; attempt++) {
        try {
          await insert(table, [failure.row]);
          break;
        } catch (error) {
          const again = failuresOf(error)?.[0];
          if (again && isInvalid(again)) {
            refused ??= refusal(name, again);
            break;
          }
          if (attempt >= rowAttempts) throw error;
        }
      }
    }
    if (refused) throw refused;
  }

  return {
    dataset: `${options.projectId}.${options.dataset}`,
    append: async (batch) => {
      for (const name of FACT_TABLE_NAMES) {
        const rows = batch[name];
        if (rows && rows.length > 0) await appendTable(name, rows);
      }
    },
    query: async (sql) => {
      const [rows] = await client.query({ query: sql, useLegacySql: false, maximumBytesBilled });
      return (rows as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])),
      );
    },
    close: async () => undefined,
  };
}
