import { table } from '../cli/table.js';
import type { PerformanceStats, ReportData } from './report-data.js';
import { PERFORMANCE_COLUMNS } from './report-html.js';

function statsTable(keys: readonly (keyof PerformanceStats)[], rows: readonly PerformanceStats[]): string {
  const header = [...keys.map((k) => String(k).replace('_', ' ')), ...PERFORMANCE_COLUMNS.map((c) => c.title)];
  const cells = rows.map((row) => [...keys.map((k) => String(row[k] ?? '')), ...PERFORMANCE_COLUMNS.map((c) => c.cell(row))]);
  return table(header, cells, { textColumns: keys.length });
}

/** The report as terminal tables: all signals, per pattern, per pattern/asset class/timeframe/month, the account. */
export function reportText(data: ReportData): string {
  const range = `${data.range.from ?? 'the beginning'} to ${data.range.to ?? 'today'}`;
  if (data.total === null) return `No closed signal from ${range}.\n`;
  const parts = [
    `Closed signals from ${range} (R net of fees and slippage)`,
    statsTable([], [data.total]),
    '',
    'Per pattern',
    statsTable(['pattern'], data.byPattern),
    '',
    'Per pattern, asset class, timeframe and exit month',
    statsTable(['pattern', 'asset_class', 'timeframe', 'month'], data.byGroup),
  ];
  const last = data.account[data.account.length - 1];
  if (last) {
    const worst = Math.max(...data.account.map((p) => p.drawdownShare ?? 0));
    parts.push(
      '',
      `Paper account: equity $${last.equity.toFixed(2)} on ${last.asOf.slice(0, 10)}, peak $${last.peakEquity.toFixed(2)}, max drawdown ${(worst * 100).toFixed(1)} %`,
    );
  }
  return `${parts.join('\n')}\n`;
}
