import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { FACT_TABLES, FACT_TABLE_NAMES } from './fact-tables.js';
import type { ColumnType, FactBatch, FactTableName } from './fact-tables.js';
import { rowProblem } from './row-check.js';
import { DUCKDB_MACROS, VIEWS } from './views.js';
import { RowRefusedError } from './warehouse.port.js';
import type { AnalyticsRow, AnalyticsValue, Warehouse } from './warehouse.port.js';

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

async function insertRows(connection: DuckDBConnection, table: FactTableName, batch: FactBatch): Promise<void> {
  const { columns } = FACT_TABLES[table];
  const casts = columns.map((c) => `CAST(? AS ${DUCKDB_TYPES[c.type]})`).join(', ');
  const sql =
    `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${casts} ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE event_id = ?)`;
  for (const row of batch[table] ?? []) {
    const values: DuckDBValue[] = columns.map((c) => {
      const value = row.json[c.name] ?? null;
      return typeof value === 'boolean' || value === null ? value : String(value);
    });
    await connection.run(sql, [...values, row.insertId]);
  }
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

  const connect = () => {
    open ??= (async () => {
      mkdirSync(dirname(options.path), { recursive: true });
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
      const rows = FACT_TABLE_NAMES.reduce((sum, table) => sum + (batch[table]?.length ?? 0), 0);
      return exclusive(async (connection) => {
        // One row is one statement, atomic by itself; an explicit transaction would double its cost.
        if (rows <= 1) {
          for (const table of FACT_TABLE_NAMES) await insertRows(connection, table, batch);
          return;
        }
        await connection.run('BEGIN TRANSACTION');
        try {
          for (const table of FACT_TABLE_NAMES) await insertRows(connection, table, batch);
          await connection.run('COMMIT');
        } catch (error) {
          await connection.run('ROLLBACK');
          throw error;
        }
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
      await new Promise((resolve) => setTimeout(resolve, 100));
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
