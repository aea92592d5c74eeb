import { FACT_TABLES } from './fact-tables.js';
import type { Column, FactTableName } from './fact-tables.js';

function typeProblem(column: Column, value: unknown): string | undefined {
  switch (column.type) {
    case 'STRING':
      return typeof value === 'string' ? undefined : 'is not a string';
    case 'INT64':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'is not an integer';
    case 'FLOAT64':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'is not a finite number';
    case 'BOOL':
      return typeof value === 'boolean' ? undefined : 'is not a boolean';
    case 'TIMESTAMP':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'is not a timestamp';
  }
}

/**
 * What the table's schema says of a row, as BigQuery would: the first field that is unknown, missing though
 * REQUIRED, or of the wrong type, with the reason; `undefined` when the row fits.
 */
export function rowProblem(
  table: FactTableName,
  json: Readonly<Record<string, unknown>>,
): { field: string; reason: string } | undefined {
  const columns = FACT_TABLES[table].columns;
  for (const key of Object.keys(json)) {
    if (!columns.some((column) => column.name === key)) return { field: key, reason: 'no such field' };
  }
  for (const column of columns) {
    const value = json[column.name];
    if (value === null || value === undefined) {
      if (column.mode === 'REQUIRED') return { field: column.name, reason: 'missing required field' };
      continue;
    }
    const problem = typeProblem(column, value);
    if (problem) return { field: column.name, reason: problem };
  }
  return undefined;
}
