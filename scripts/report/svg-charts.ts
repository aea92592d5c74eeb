/** Small inline-SVG charts for the report: no library, no network, readable in any browser. */
const WIDTH = 720;
const HEIGHT = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 56 };

export const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const fixed = (n: number) => Number(n.toFixed(2));

function scale(min: number, max: number, from: number, to: number): (v: number) => number {
  const span = max - min || 1;
  return (v) => fixed(from + ((v - min) / span) * (to - from));
}

function figure(id: string, title: string, body: string): string {
  return (
    `<figure class="chart" data-chart="${id}"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">` +
    `${body}</svg></figure>`
  );
}

function axes(yMin: number, yMax: number, y: (v: number) => number, format: (v: number) => string): string {
  const ticks = [yMin, (yMin + yMax) / 2, yMax];
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11" fill="#555">${escapeHtml(format(t))}</text>`,
    )
    .join('');
  const zero =
    yMin < 0 && yMax > 0 ? `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(0)}" y2="${y(0)}" stroke="#888"/>` : '';
  return grid + zero;
}

function empty(id: string, title: string): string {
  return figure(
    id,
    title,
    `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" fill="#888">no data in this period</text>`,
  );
}

export interface LinePoint {
  readonly x: number;
  readonly y: number;
}

/** A line over time (x in epoch ms); `area` fills between the line and zero (drawdowns). */
export function lineChart(options: {
  id: string;
  title: string;
  points: readonly LinePoint[];
  colour: string;
  area?: boolean;
  format?: (v: number) => string;
  labels?: readonly [string, string];
}): string {
  const { points } = options;
  if (points.length === 0) return empty(options.id, options.title);
  const format = options.format ?? ((v: number) => v.toFixed(1));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(0, ...ys) === yMin ? yMin + 1 : Math.max(0, ...ys);
  const x = scale(Math.min(...xs), Math.max(...xs), PAD.left, WIDTH - PAD.right);
  const y = scale(yMin, yMax, HEIGHT - PAD.bottom, PAD.top);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${points.length === 1 ? (PAD.left + WIDTH - PAD.right) / 2 : x(p.x)},${y(p.y)}`)
    .join(' ');
  const line = `<path class="mark" d="${path}" fill="none" stroke="${options.colour}" stroke-width="2"/>`;
  const area = options.area
    ? `<path class="mark" d="${path} L${x(xs[xs.length - 1])},${y(0)} L${x(xs[0])},${y(0)} Z" fill="${options.colour}" fill-opacity="0.25" stroke="none"/>`
    : '';
  const [first, last] = options.labels ?? [
    new Date(xs[0]).toISOString().slice(0, 10),
    new Date(xs[xs.length - 1]).toISOString().slice(0, 10),
  ];
  const xLabels =
    `<text x="${PAD.left}" y="${HEIGHT - 10}" font-size="11" fill="#555">${escapeHtml(first)}</text>` +
    `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 10}" font-size="11" fill="#555" text-anchor="end">${escapeHtml(last)}</text>`;
  return figure(options.id, options.title, axes(yMin, yMax, y, format) + area + line + xLabels);
}

export interface Bar {
  readonly label: string;
  readonly value: number;
}

/** Vertical bars from zero (negative ones go down, red). */
export function barChart(options: { id: string; title: string; bars: readonly Bar[]; format?: (v: number) => string }): string {
  const { bars } = options;
  if (bars.length === 0) return empty(options.id, options.title);
  const format = options.format ?? ((v: number) => v.toFixed(2));
  const values = bars.map((b) => b.value);
  const yMin = Math.min(0, ...values);
  const yMax = Math.max(0, ...values) === yMin ? yMin + 1 : Math.max(0, ...values);
  const y = scale(yMin, yMax, HEIGHT - PAD.bottom, PAD.top);
  const slot = (WIDTH - PAD.left - PAD.right) / bars.length;
  const width = fixed(Math.max(2, slot * 0.7));
  const rects = bars
    .map((b, i) => {
      const left = fixed(PAD.left + i * slot + (slot - width) / 2);
      const top = Math.min(y(b.value), y(0));
      const height = fixed(Math.max(1, Math.abs(y(b.value) - y(0))));
      const colour = b.value < 0 ? '#e74c3c' : '#2e86de';
      const cx = fixed(left + width / 2);
      const label =
        bars.length <= 24
          ? `<text x="${cx}" y="${HEIGHT - PAD.bottom + 12}" font-size="9" text-anchor="end" fill="#555" transform="rotate(-25 ${cx} ${HEIGHT - PAD.bottom + 12})">${escapeHtml(b.label.slice(0, 16))}</text>`
          : '';
      if (b.value === 0) return label;
      return `<rect class="mark" x="${left}" y="${top}" width="${width}" height="${height}" fill="${colour}"><title>${escapeHtml(`${b.label}: ${format(b.value)}`)}</title></rect>${label}`;
    })
    .join('');
  return figure(options.id, options.title, axes(yMin, yMax, y, format) + rects);
}

/** Counts of `values` in bins `width` wide, labelled by their lower edge. */
export function histogram(values: readonly number[], width: number): Bar[] {
  if (values.length === 0) return [];
  const bin = (v: number) => Math.floor(v / width + 1e-9);
  const low = Math.min(...values.map(bin));
  const high = Math.max(...values.map(bin));
  const counts = new Array<number>(high - low + 1).fill(0);
  for (const v of values) counts[bin(v) - low]++;
  return counts.map((count, i) => ({ label: `${((low + i) * width).toFixed(1)}R`, value: count }));
}
