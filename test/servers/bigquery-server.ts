import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ensureDuckDbSchema } from '../../shared/analytics/duckdb-warehouse.js';
import { FACT_TABLES } from '../../shared/analytics/fact-tables.js';
import type { Column, FactTableName } from '../../shared/analytics/fact-tables.js';

/** One request the server saw. */
export interface BigQueryRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly status: number;
}

interface WireRow {
  readonly insertId?: string;
  readonly json: Record<string, unknown>;
}

interface InsertError {
  readonly index: number;
  readonly errors: { reason: string; location: string; message: string }[];
}

const INSERT_ALL = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)\/insertAll$/;
const QUERIES = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/;

const BIGQUERY_TYPES: Readonly<Record<string, string>> = {
  BIGINT: 'INTEGER',
  HUGEINT: 'INTEGER',
  INTEGER: 'INTEGER',
  DOUBLE: 'FLOAT',
  VARCHAR: 'STRING',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
};

/**
 * A local HTTP server speaking BigQuery's REST format for the two calls archiveAnalytics and the digests make:
 * `tabledata.insertAll` (rows `{insertId, json}`, per-row `insertErrors`: `invalid` for a row the table schema
 * refuses and `stopped` for the others of its request, none stored; best-effort dedupe on insertId) and
 * `jobs.query` (refused without `maximumBytesBilled`; the SQL runs on DuckDB with `project.dataset.` read as the
 * tables and views of the code's schema). Tests script transient row failures and may drop columns from a table to
 * play an older deployed schema.
 */
export class BigQueryServer {
  readonly requests: BigQueryRequest[] = [];
  /** Every row stored, per table, in arrival order. */
  readonly rows = new Map<string, WireRow[]>();
  readonly #server: Server;
  readonly #seen = new Set<string>();
  readonly #transient = new Map<string, number>();
  readonly #dropped = new Map<string, Set<string>>();
  #dedupe = true;
  #db: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }>;

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#db = (async () => {
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await ensureDuckDbSchema(connection);
      return { instance, connection };
    })();
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const { instance, connection } = await this.#db;
    connection.closeSync();
    instance.closeSync();
  }

  /** The row with this insertId fails with `backendError` on its next `times` inserts. */
  failTransiently(insertId: string, times = 1): void {
    this.#transient.set(insertId, times);
  }

  /** Plays a deployed table that lacks `column` (a schema older than the code's). */
  dropColumn(table: FactTableName, column: string): void {
    const dropped = this.#dropped.get(table) ?? new Set<string>();
    dropped.add(column);
    this.#dropped.set(table, dropped);
  }

  /** BigQuery's insertId dedupe is best effort: switch it off to play a duplicate it missed. */
  set dedupe(on: boolean) {
    this.#dedupe = on;
  }

  insertRequests(table: string): BigQueryRequest[] {
    return this.requests.filter((r) => r.path.endsWith(`/tables/${table}/insertAll`));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    const path = (req.url ?? '').split('?')[0];
    let status = 200;
    let answer: unknown;
    const insert = INSERT_ALL.exec(path);
    const query = QUERIES.exec(path);
    if (req.method === 'POST' && insert) {
      [status, answer] = await this.#insertAll(insert[3], body);
    } else if (req.method === 'POST' && query) {
      [status, answer] = await this.#query(query[1], body);
    } else {
      status = 404;
      answer = { error: { code: 404, message: `Not found: ${req.method} ${path}`, status: 'NOT_FOUND' } };
    }
    this.requests.push({ method: req.method ?? '', path, body, status });
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(answer));
  }

  #columns(table: FactTableName): Column[] {
    const dropped = this.#dropped.get(table) ?? new Set<string>();
    return FACT_TABLES[table].columns.filter((c) => !dropped.has(c.name));
  }

  #invalid(table: FactTableName, json: Record<string, unknown>): { location: string; message: string } | undefined {
    const columns = this.#columns(table);
    for (const key of Object.keys(json)) {
      if (!columns.some((c) => c.name === key)) return { location: key, message: `no such field: ${key}.` };
    }
    for (const c of columns) {
      const value = json[c.name];
      if ((value === null || value === undefined) && c.mode === 'REQUIRED')
        return { location: c.name, message: `Missing required field: ${c.name}.` };
      if (value !== null && value !== undefined && c.type === 'FLOAT64' && typeof value !== 'number') {
        return { location: c.name, message: `Cannot convert value to floating point (bad value): ${String(value)}` };
      }
    }
    return undefined;
  }

  async #insertAll(tableName: string, body: Record<string, unknown>): Promise<[number, unknown]> {
    if (!Object.hasOwn(FACT_TABLES, tableName)) {
      return [404, { error: { code: 404, message: `Not found: Table ${tableName}`, status: 'NOT_FOUND' } }];
    }
    const table = tableName as FactTableName;
    const rows = (body.rows ?? []) as WireRow[];
    const problems = rows.map((row) => this.#invalid(table, row.json));
    const insertErrors: InsertError[] = [];
    if (problems.some((p) => p !== undefined)) {
      rows.forEach((_row, index) => {
        const problem = problems[index];
        insertErrors.push({
          index,
          errors: [problem ? { reason: 'invalid', ...problem } : { reason: 'stopped', location: '', message: '' }],
        });
      });
      return [200, { kind: 'bigquery#tableDataInsertAllResponse', insertErrors }];
    }
    const stored = this.rows.get(table) ?? [];
    for (const [index, row] of rows.entries()) {
      const failures = row.insertId === undefined ? 0 : (this.#transient.get(row.insertId) ?? 0);
      if (failures > 0 && row.insertId !== undefined) {
        this.#transient.set(row.insertId, failures - 1);
        insertErrors.push({
          index,
          errors: [
            {
              reason: 'backendError',
              location: '',
              message: 'Error encountered during execution. Retrying may solve the problem.',
            },
          ],
        });
        continue;
      }
      const key = `${table}|${row.insertId ?? ''}`;
      if (this.#dedupe && row.insertId !== undefined && this.#seen.has(key)) continue;
      this.#seen.add(key);
      stored.push(row);
      await this.#store(table, row.json);
    }
    this.rows.set(table, stored);
    return [200, { kind: 'bigquery#tableDataInsertAllResponse', ...(insertErrors.length > 0 ? { insertErrors } : {}) }];
  }

  async #store(table: FactTableName, json: Record<string, unknown>): Promise<void> {
    const { connection } = await this.#db;
    const columns = FACT_TABLES[table].columns;
    const values: DuckDBValue[] = columns.map((c) => {
      const value = json[c.name];
      return value === undefined || value === null ? null : typeof value === 'boolean' ? value : String(value);
    });
    const casts = columns.map(
      (c) =>
        `CAST(? AS ${c.type === 'STRING' ? 'VARCHAR' : c.type === 'INT64' ? 'BIGINT' : c.type === 'FLOAT64' ? 'DOUBLE' : c.type === 'BOOL' ? 'BOOLEAN' : 'TIMESTAMP'})`,
    );
    await connection.run(`INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${casts.join(', ')}`, values);
  }

  async #query(projectId: string, body: Record<string, unknown>): Promise<[number, unknown]> {
    if (body.maximumBytesBilled === undefined) {
      return [
        400,
        { error: { code: 400, message: 'this server refuses a query without maximumBytesBilled', status: 'INVALID_ARGUMENT' } },
      ];
    }
    const sql = String(body.query).replace(/`?[A-Za-z0-9_-]+\.[A-Za-z0-9_]+\.([A-Za-z0-9_]+)`?/g, 'main.$1');
    const { connection } = await this.#db;
    let reader;
    try {
      reader = await connection.runAndReadAll(sql);
    } catch (error) {
      return [400, { error: { code: 400, message: (error as Error).message, status: 'INVALID_ARGUMENT' } }];
    }
    const types = reader.columnTypes().map((type) => BIGQUERY_TYPES[type.toString()] ?? 'STRING');
    const fields = reader.columnNames().map((name, i) => ({ name, type: types[i], mode: 'NULLABLE' }));
    const int64Timestamps = (body.formatOptions as { useInt64Timestamp?: boolean } | undefined)?.useInt64Timestamp === true;
    const rows = reader.getRows().map((row) => ({
      f: row.map((value, i) => ({ v: wireValue(value, types[i], int64Timestamps) })),
    }));
    return [
      200,
      {
        kind: 'bigquery#queryResponse',
        jobComplete: true,
        jobReference: { projectId, jobId: `job_${this.requests.length}`, location: 'US' },
        schema: { fields },
        rows,
        totalRows: String(rows.length),
        totalBytesProcessed: '0',
      },
    ];
  }
}

function wireValue(value: DuckDBValue, type: string, int64Timestamps: boolean): string | null {
  if (value === null) return null;
  if (type === 'TIMESTAMP' && typeof value === 'object' && 'micros' in value) {
    const micros = value.micros as bigint;
    return int64Timestamps ? micros.toString() : String(Number(micros) / 1e6);
  }
  return String(value);
}
