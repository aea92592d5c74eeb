import { formatPrice } from '../../../shared/format/price.js';
import { CHART_FONT_FAMILIES } from './chart-fonts.js';
import { CHART_SIZE, PLOT, placedPivots, scaleFor } from './chart-input.js';
import type { ChartInput, Scale } from './chart-input.js';

const FONT = `font-family="${CHART_FONT_FAMILIES.join(', ')}"`;
const UP = '#26a69a';
const DOWN = '#ef5350';

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

const n = (value: number): string => value.toFixed(1);

function candles(input: ChartInput, scale: Scale): string[] {
  const body = Math.max(1, scale.slot * 0.6);
  return input.bars.map((bar, i) => {
    const colour = bar.close >= bar.open ? UP : DOWN;
    const x = scale.x(i);
    const top = scale.y(Math.max(bar.open, bar.close));
    const height = Math.max(1, scale.y(Math.min(bar.open, bar.close)) - top);
    return (
      `<line x1="${n(x)}" y1="${n(scale.y(bar.high))}" x2="${n(x)}" y2="${n(scale.y(bar.low))}" stroke="${colour}" stroke-width="1"/>` +
      `<rect x="${n(x - body / 2)}" y="${n(top)}" width="${n(body)}" height="${n(height)}" fill="${colour}"/>`
    );
  });
}

function levelLines(input: ChartInput, scale: Scale): string[] {
  const { levels } = input;
  const lines: [string, number | null, string, string][] = [
    ['TP3', levels.tp3, '#f1c40f', '6 4'],
    ['TP2', levels.tp2, '#1abc9c', '6 4'],
    ['TP1', levels.tp1, '#3498db', '6 4'],
    ['Entry', levels.entry, '#ffffff', ''],
    ['Inval', levels.invalidation, '#e67e22', '2 3'],
    ['Stop', levels.stop, '#e74c3c', ''],
  ];
  return lines.flatMap(([name, price, colour, dash]) => {
    if (price === null || !Number.isFinite(price)) return [];
    const y = n(scale.y(price));
    const dashed = dash === '' ? '' : ` stroke-dasharray="${dash}"`;
    return [
      `<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}" stroke="${colour}" stroke-width="1.5"${dashed}/>` +
        `<text x="${PLOT.right + 6}" y="${y}" dy="4" fill="${colour}" font-size="12" ${FONT}>${name} ${escapeXml(formatPrice(price))}</text>`,
    ];
  });
}

function pivotMarks(input: ChartInput, scale: Scale): string[] {
  const placed = placedPivots(input);
  if (placed.length === 0) return [];
  const path = placed.map(({ pivot, index }) => `${n(scale.x(index))},${n(scale.y(pivot.price))}`).join(' ');
  return [
    `<polyline points="${path}" fill="none" stroke="#b39ddb" stroke-width="2"/>`,
    ...placed.map(({ pivot, index }) => {
      const x = n(scale.x(index));
      const y = scale.y(pivot.price);
      const peak = pivot.type === 'PEAK';
      return (
        `<circle cx="${x}" cy="${n(y)}" r="4" fill="#b39ddb"/>` +
        `<text x="${x}" y="${n(peak ? y - 8 : y + 16)}" text-anchor="middle" fill="#d1c4e9" font-size="11" ${FONT}>${peak ? 'P' : 'V'}</text>`
      );
    }),
  ];
}

/** The chart as SVG text: dark background, candles, entry / stop / invalidation / TP lines with prices, the pattern's pivots. */
export function chartSvg(input: ChartInput): string {
  const scale = scaleFor(input);
  const { width, height } = CHART_SIZE;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#2b2d31"/>`,
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="#1e1f22"/>`,
    `<text x="${PLOT.left}" y="24" fill="#f2f3f5" font-size="15" font-weight="bold" ${FONT}>${escapeXml(input.title)}</text>`,
    ...candles(input, scale),
    ...levelLines(input, scale),
    ...pivotMarks(input, scale),
    '</svg>',
  ].join('\n');
}
