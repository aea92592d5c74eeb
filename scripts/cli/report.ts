import { analyticsPathFor, NoWarehouseError, WarehouseBusyError } from '../../shared/analytics/duckdb-warehouse.js';
import { loadConfig } from '../../shared/config/index.js';
import { UsageError } from '../replay/cli-options.js';
import { isCalendarDate } from '../../shared/domain/calendar-date.js';
import { reportText } from '../report/report-text.js';
import { writeLocalReport } from '../report/write-report.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse.js';

/** Exit code while another process writes the analytics file (EX_TEMPFAIL: try again later). */
export const EXIT_BUSY = 75;
/** Exit code when there is nothing to report on yet (EX_NOINPUT). */
export const EXIT_NO_DATA = 66;

function date(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) throw new UsageError(`--${option} "${value}" is not a date such as 2024-01-31`);
  return value;
}

/** `report [--from D] [--to D] [--json]`: performance from the analytics views, in the terminal and report.html. */
export const report: Command = async (argv, io) => {
  const { values } = parseCommandArgs('report', {
    args: [...argv],
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const from = date('from', values.from);
  const to = date('to', values.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const analyticsPath = analyticsPathFor(loadConfig().store.sqlitePath);
  try {
    const { data, path } = await writeLocalReport(analyticsPath, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (values.json) io.out.write(`${JSON.stringify({ ...data, html: path })}\n`);
    else io.out.write(`${reportText(data)}\nreport: ${path}\n`);
    return 0;
  } catch (error) {
    if (error instanceof WarehouseBusyError) {
      io.err.write(`error: ${error.message}\n`);
      return EXIT_BUSY;
    }
    if (error instanceof NoWarehouseError) {
      io.err.write(`${error.message}\n`);
      return EXIT_NO_DATA;
    }
    throw error;
  }
};
