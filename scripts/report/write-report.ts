import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDuckDbReader } from '../../shared/analytics/duckdb-warehouse.js';
import { loadReport } from './report-data.js';
import type { ReportData, ReportRange } from './report-data.js';
import { reportHtml } from './report-html.js';

/** The report page sits beside the analytics file (`.sentinel/report.html`). */
export function reportPathFor(analyticsPath: string): string {
  return join(dirname(analyticsPath), 'report.html');
}

/**
 * Reads the local DuckDB file read-only (waiting `waitMs` while a writer holds it), and writes the report page.
 * Throws `WarehouseBusyError` or `NoWarehouseError` with a message that says what to do.
 */
export async function writeLocalReport(
  analyticsPath: string,
  range: ReportRange,
  options: { readonly waitMs?: number; readonly now?: () => Date } = {},
): Promise<{ readonly data: ReportData; readonly path: string }> {
  const warehouse = await openDuckDbReader(analyticsPath, options.waitMs);
  try {
    const data = await loadReport(warehouse, range);
    const path = reportPathFor(analyticsPath);
    writeFileSync(path, reportHtml(data, (options.now ?? (() => new Date()))().toISOString()));
    return { data, path };
  } finally {
    await warehouse.close();
  }
}
