import { existsSync } from 'node:fs';
import { makeFolderOf } from '../store/sqlite-folder.js';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { FACT_TABLES, FACT_TABLE_NAMES } from './fact-tables.js';
import type { ColumnType, FactBatch, FactRow, FactTableName } from './fact-tables.js';
import { rowProblem } from './row-check.js';
import { DUCKDB_MACROS, VIEWS } from './views.js';
import { RowRefusedError } from './warehouse.port.js';
import type { AnalyticsRow, AnalyticsValue, Warehouse } from './warehouse.port.js';
import { sleep } from '../runtime/sleep.js';

/**
 * The analytics DuckDB file sits beside the SQLite file: `.sentinel/analytics.duckdb` for the default
 * `.sentinel/sentinel.db`, `<name>.analytics.duckdb` for any other store, so two stores in one folder never share it.
 */
export function analyticsPathFor(storePath: string): string {
  const name = basename(storePath).replace(/\.[^.]*$/, '');
  return join(
    dirname(storePath),
    name === 'sentinel' || name === '' || storePath === ':memory:' ? 'analytics.duckdb' : `${name}.analytics.duckdb`,
  );
}

const DUCKDB_TYPES: Readonly<Record<ColumnType, string>> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
};

/** The tables, missing columns (schema changes are additive), macros and views, created or brought up to date. */
export async function ensureDuckDbSchema(connection: DuckDBConnection): Promise<void> {
  for (const name of FACT_TABLE_NAMES) {
    const { columns } = FACT_TABLES[name];
    await connection.run(
      `CREATE TABLE IF NOT EXISTS ${name} (${columns.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}`).join(', ')})`,
    );
    const existing = await connection.runAndReadAll(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '${name}'`,
    );
    const have = new Set(existing.getRowObjects().map((row) => String(row.column_name)));
    for (const column of columns.filter((c) => !have.has(c.name))) {
      await connection.run(`ALTER TABLE ${name} ADD COLUMN ${column.name} ${DUCKDB_TYPES[column.type]}`);
    }
  }
  for (const macro of DUCKDB_MACROS) await connection.run(macro);
  for (const view of VIEWS) await connection.run(`CREATE OR REPLACE VIEW ${view.name} AS ${view.sql('main')}`);
}

/** A DuckDB value as the warehouse port gives it: numbers, ISO-8601 UTC timestamps, strings, booleans. */
function plain(value: unknown): AnalyticsValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'micros' in value && typeof value.micros === 'bigint') {
    return new Date(Number(value.micros / 1000n)).toISOString();
  }
  const text = String(value);
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : text;
}

async function readRows(connection: DuckDBConnection, sql: string): Promise<AnalyticsRow[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

/** Each row's values as DuckDB takes them for `CAST(? AS type)`: text, booleans and nulls. */
function valuesOf(table: FactTableName, row: FactRow): DuckDBValue[] {
  return FACT_TABLES[table].columns.map((c) => {
    const value = row.json[c.name] ?? null;
    return typeof value === 'boolean' || value === null ? value : String(value);
  });
}

/**
 * The rows of `table` in the batches, the first of each insertId only, in one statement that skips those already in
 * the table (a redelivered event adds nothing).
 */
async function insertRows(connection: DuckDBConnection, table: FactTableName, batches: readonly FactBatch[]): Promise<void> {
  const byId = new Map<string, DuckDBValue[]>();
  for (const batch of batches)
    for (const row of batch[table] ?? [])
      if (!byId.has(row.insertId)) byId.set(row.insertId, [...valuesOf(table, row), row.insertId]);
  if (byId.size === 0) return;
  const { columns } = FACT_TABLES[table];
  const names = columns.map((c) => c.name);
  const tuple = `(${[...columns.map((c) => `CAST(? AS ${DUCKDB_TYPES[c.type]})`), 'CAST(? AS VARCHAR)'].join(', ')})`;
  const sql =
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((name) => `v.${name}`).join(', ')} ` +
    `FROM (VALUES ${[...byId.values()].map(() => tuple).join(', ')}) AS v(${[...names, 'sentinel_insert_id'].join(', ')}) ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE event_id = v.sentinel_insert_id)`;
  await connection.run(sql, [...byId.values()].flat());
}

/** The batches' rows, every table, in one transaction (one statement is atomic by itself: no transaction for it). */
async function insertBatches(connection: DuckDBConnection, batches: readonly FactBatch[]): Promise<void> {
  const tables = FACT_TABLE_NAMES.filter((table) => batches.some((batch) => (batch[table]?.length ?? 0) > 0));
  if (tables.length <= 1) {
    for (const table of tables) await insertRows(connection, table, batches);
    return;
  }
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const table of tables) await insertRows(connection, table, batches);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** An append waiting for the file, with the promise its caller holds. */
interface WaitingAppend {
  readonly batch: FactBatch;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface DuckDbWarehouseOptions {
  readonly path: string;
  /** The file is released after this long without a write, so `sentinel report` can open it (default 1 s). */
  readonly idleMs?: number;
  /** While another process (a `sentinel report`) holds the file, keep trying this long before failing (default 5 s). */
  readonly lockWaitMs?: number;
}

/**
 * The local warehouse: facts in a DuckDB file. DuckDB allows one writing process per file, so the writer
 * holds the file only while writes come in and releases it when they stop. Rows already there (same event
 * id) are skipped, and a row the schema refuses throws `RowRefusedError`, as on BigQuery.
 */
export function createDuckDbWarehouse(options: DuckDbWarehouseOptions): Warehouse {
  const idleMs = options.idleMs ?? 1000;
  const lockWaitMs = options.lockWaitMs ?? 5000;
  let schemaReady = false;
  let open: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;
  let idle: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // Appends that came while the file was busy: written together, in one transaction, when it is free.
  let waiting: WaitingAppend[] = [];

  // The file could not be opened: every append waiting for it fails with why.
  const failWaiting = (error: unknown) => {
    const group = waiting;
    waiting = [];
    for (const append of group) append.reject(error);
  };
  const writeWaiting = async (connection: DuckDBConnection) => {
    const group = waiting;
    waiting = [];
    try {
      await insertBatches(
        connection,
        group.map((append) => append.batch),
      );
      for (const append of group) append.resolve();
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      // One bad append must not fail the others: each alone, so each caller gets its own outcome.
      for (const append of group) await insertBatches(connection, [append.batch]).then(append.resolve, append.reject);
    }
  };

  const connect = () => {
    open ??= (async () => {
      makeFolderOf(options.path);
      const instance = await openWhenFree(() => DuckDBInstance.create(options.path), lockWaitMs);
      const connection = await instance.connect();
      if (!schemaReady) await ensureDuckDbSchema(connection);
      schemaReady = true;
      return { instance, connection };
    })();
    return open;
  };
  const release = async () => {
    if (idle) clearTimeout(idle);
    idle = undefined;
    const current = open;
    open = undefined;
    if (!current) return;
    const { instance, connection } = await current;
    connection.closeSync();
    instance.closeSync();
  };
  /** One statement at a time, and the file released once nothing more comes. */
  const exclusive = <T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    const next = queue.then(async () => {
      if (idle) clearTimeout(idle);
      try {
        return await work((await connect()).connection);
      } finally {
        idle = setTimeout(() => void (queue = queue.then(release, release)), idleMs);
        idle.unref();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dataset: 'main',
    append: (batch) => {
      for (const table of FACT_TABLE_NAMES) {
        for (const row of batch[table] ?? []) {
          const problem = rowProblem(table, row.json);
          if (problem) return Promise.reject(new RowRefusedError(table, problem.field, problem.reason));
        }
      }
      return new Promise<void>((resolve, reject) => {
        waiting.push({ batch, resolve, reject });
        if (waiting.length === 1) void exclusive(writeWaiting).catch(failWaiting);
      });
    },
    query: (sql) => exclusive((connection) => readRows(connection, sql)),
    close: async () => {
      await queue;
      await release();
    },
  };
}

const perPath = new Map<string, Warehouse>();

/**
 * The one writer of the DuckDB file at `path` in this process: every function of a local run that archives or
 * reads the views shares it, so closing it (before `sentinel report` reads) releases the file for all of them.
 */
export function duckDbWarehouseAt(path: string): Warehouse {
  const existing = perPath.get(path);
  if (existing) return existing;
  const warehouse = createDuckDbWarehouse({ path });
  perPath.set(path, warehouse);
  return warehouse;
}

/** The DuckDB file is being written by another process (`sentinel run` or `npm start`). */
export class WarehouseBusyError extends Error {
  constructor(readonly path: string) {
    super(`${path} is being written by another process (sentinel run or npm start); try again when it has finished`);
  }
}

/** There is no DuckDB file yet. */
export class NoWarehouseError extends Error {
  constructor(readonly path: string) {
    super(`no analytics at ${path} yet: run npm start (or sentinel archive --backfill) first`);
  }
}

function isLockConflict(error: unknown): boolean {
  return error instanceof Error && /lock/i.test(error.message);
}

/** Opens the file, trying again every 100 ms for `waitMs` while another process holds its lock. */
async function openWhenFree<T>(open: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!isLockConflict(error) || Date.now() >= deadline) throw error;
      await sleep(100);
    }
  }
}

/**
 * Opens the DuckDB file read-only. While a writer holds it, tries again for `waitMs` (default 3 s), then throws
 * `WarehouseBusyError`, which says so.
 */
export async function openDuckDbReader(path: string, waitMs = 3000): Promise<Warehouse> {
  if (!existsSync(path)) throw new NoWarehouseError(path);
  let instance: DuckDBInstance;
  try {
    instance = await openWhenFree(() => DuckDBInstance.create(path, { access_mode: 'READ_ONLY' }), waitMs);
  } catch (error) {
    if (isLockConflict(error)) throw new WarehouseBusyError(path);
    throw error;
  }
  const connection = await instance.connect();
  return {
    dataset: 'main',
    append: () => Promise.reject(new Error('the report opens the warehouse read-only')),
    query: (sql) => readRows(connection, sql),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
