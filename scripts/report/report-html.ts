import type { PerformanceStats, ReportData } from './report-data.js';
import { barChart, escapeHtml, histogram, lineChart } from './svg-charts.js';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const r = (v: number | null) => (v === null ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(2)} R`);
const plain = (v: number | null, digits = 2) => (v === null ? '–' : v.toFixed(digits));

/** The columns of a performance table, shared by the terminal and the page. */
export const PERFORMANCE_COLUMNS: readonly { readonly title: string; readonly cell: (s: PerformanceStats) => string }[] = [
  { title: 'signals', cell: (s) => String(s.signals) },
  { title: 'win rate', cell: (s) => pct(s.win_rate) },
  { title: 'expectancy', cell: (s) => r(s.expectancy_r) },
  { title: 'gross R', cell: (s) => r(s.avg_r_gross) },
  { title: 'total', cell: (s) => r(s.total_r) },
  { title: 'profit factor', cell: (s) => plain(s.profit_factor) },
  { title: 'max DD', cell: (s) => (s.max_drawdown_r === null ? '–' : `${s.max_drawdown_r.toFixed(2)} R`) },
  { title: 'bars held', cell: (s) => plain(s.avg_bars_held, 1) },
  { title: 'expired', cell: (s) => pct(s.expired_share) },
];

function htmlTable(keys: readonly (keyof PerformanceStats)[], rows: readonly PerformanceStats[]): string {
  const head = [...keys.map(String), ...PERFORMANCE_COLUMNS.map((c) => c.title)]
    .map((h) => `<th>${escapeHtml(h.replace('_', ' '))}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${keys.map((k) => `<td>${escapeHtml(String(row[k] ?? ''))}</td>`).join('')}${PERFORMANCE_COLUMNS.map((c) => `<td class="n">${escapeHtml(c.cell(row))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

// Marks each chart with what the browser drew (number of marks, drawn size), so a headless check can tell a
// rendered chart from a blank one.
const SELF_CHECK = `<script>
for (const figure of document.querySelectorAll('figure.chart')) {
  const marks = figure.querySelectorAll('.mark');
  let width = 0, height = 0;
  for (const mark of marks) { const box = mark.getBoundingClientRect(); width = Math.max(width, box.width); height = Math.max(height, box.height); }
  figure.dataset.rendered = marks.length + ':' + Math.round(width) + 'x' + Math.round(height);
}
</script>`;

/** The report page: summary, charts (cumulative R, drawdown, R distribution, per pattern, the paper account), tables. */
export function reportHtml(data: ReportData, generatedAt: string): string {
  const time = (iso: string) => Date.parse(iso);
  const range = `from ${data.range.from ?? 'the beginning'} to ${data.range.to ?? 'today'}`;
  const charts = [
    lineChart({
      id: 'cumulative-r',
      title: 'Cumulative net R (equity curve of the signals)',
      colour: '#2e86de',
      points: data.curve.map((p) => ({ x: time(p.exitTime), y: p.cumR })),
    }),
    lineChart({
      id: 'drawdown-r',
      title: 'Drawdown from the peak (R)',
      colour: '#e74c3c',
      area: true,
      points: data.curve.map((p) => ({ x: time(p.exitTime), y: -p.drawdownR })),
    }),
    barChart({
      id: 'r-distribution',
      title: 'Distribution of net R per signal',
      bars: histogram(
        data.curve.map((p) => p.rNet),
        0.5,
      ),
      format: (v) => v.toFixed(0),
    }),
    barChart({
      id: 'pattern-expectancy',
      title: 'Expectancy per pattern (net R per signal)',
      bars: data.byPattern.map((s) => ({ label: s.pattern ?? '', value: s.expectancy_r ?? 0 })),
    }),
  ];
  if (data.account.length > 0) {
    const money = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;
    charts.push(
      lineChart({
        id: 'account-equity',
        title: 'Paper account equity',
        colour: '#27ae60',
        format: money,
        points: data.account.map((p) => ({ x: time(p.asOf), y: p.equity })),
      }),
      lineChart({
        id: 'account-drawdown',
        title: 'Paper account drawdown',
        colour: '#c0392b',
        area: true,
        format: money,
        points: data.account.map((p) => ({ x: time(p.asOf), y: -p.drawdown })),
      }),
    );
  }
  const total = data.total;
  const summary = total
    ? `<p class="summary">${total.signals} closed signals · win rate ${pct(total.win_rate)} · expectancy ${r(total.expectancy_r)} · profit factor ${plain(total.profit_factor)} · max drawdown ${plain(total.max_drawdown_r)} R · expired ${pct(total.expired_share)}</p>`
    : '<p class="summary">No closed signal in this period.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crypto Sentinel — performance</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fff}
figure.chart{display:inline-block;margin:8px;border:1px solid #eee;padding:8px}
figcaption{font-weight:600;margin-bottom:4px}
table{border-collapse:collapse;margin:12px 0}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}td.n{text-align:right}
.summary{font-size:16px}
</style></head>
<body>
<h1>Crypto Sentinel — performance</h1>
<p>Signals closed ${escapeHtml(range)}; results in R net of fees and slippage. Generated ${escapeHtml(generatedAt)}.</p>
${summary}
<section class="charts">${charts.join('\n')}</section>
<h2>Per pattern</h2>
${htmlTable(['pattern'], data.byPattern)}
<h2>Per pattern, asset class, timeframe and month</h2>
${htmlTable(['pattern', 'asset_class', 'timeframe', 'month'], data.byGroup)}
${SELF_CHECK}
</body></html>
`;
}
