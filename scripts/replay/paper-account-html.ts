import type { PaperAccount } from '../../shared/trading/paper-account.js';

const usd = (value: number) =>
  `${value < 0 ? '−' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The paper account as text lines for the console. */
export function formatPaperAccount(account: PaperAccount): string {
  return [
    `Paper account (${account.mode}): ${account.trades} trades (${account.wins} won, ${account.losses} lost), ${account.open} open`,
    `  P&L ${usd(account.realizedPnl)} after ${usd(account.fees)} fees · equity ${usd(account.startingEquity)} → ${usd(account.equity)}`,
    `  max drawdown ${usd(account.maxDrawdown)} (${(account.maxDrawdownFraction * 100).toFixed(2)} %)`,
  ].join('\n');
}

/** The equity curve as an inline SVG line chart (pure, no browser needed). */
export function equityCurveSvg(account: PaperAccount, width = 640, height = 200): string {
  const points = [{ at: '', equity: account.startingEquity }, ...account.curve];
  const values = points.map((p) => p.equity);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const x = (i: number) => (points.length === 1 ? 0 : (i / (points.length - 1)) * (width - 20) + 10);
  const y = (v: number) => height - 10 - ((v - low) / span) * (height - 20);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.equity).toFixed(1)}`).join(' ');
  const base = y(account.startingEquity).toFixed(1);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="equity-curve" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="equity curve">`,
    `<rect width="${width}" height="${height}" fill="#2b2d31"/>`,
    `<line x1="10" x2="${width - 10}" y1="${base}" y2="${base}" stroke="#80848e" stroke-dasharray="4 4"/>`,
    `<path d="${path}" fill="none" stroke="${account.equity >= account.startingEquity ? '#2ecc71' : '#e74c3c'}" stroke-width="2"/>`,
    `<text x="12" y="16" fill="#dbdee1" font-size="12">${usd(high)}</text>`,
    `<text x="12" y="${height - 14}" fill="#dbdee1" font-size="12">${usd(low)}</text>`,
    '</svg>',
  ].join('');
}

/** The section the outbox page shows above the messages. */
export function paperAccountHtml(account: PaperAccount): string {
  const lines = formatPaperAccount(account)
    .split('\n')
    .map((line) => line.trim().replaceAll('&', '&amp;').replaceAll('<', '&lt;'));
  return `<section class="paper-account"><h2>Paper account</h2><p>${lines.join('<br>')}</p>${equityCurveSvg(account)}</section>`;
}
