import type { Bar } from '../domain/bar.js';
import { SlidWindows } from '../cache/slid-windows.js';
import { epochOfIso, isEpochMs } from './epoch-time.js';
import type { DeepReadonly } from './fields.js';

/** The six columns of a window of bars, `t` the open time in epoch milliseconds; bar `i` is the `i`-th of each. */
export interface BarColumns {
  readonly t: number[];
  readonly o: number[];
  readonly h: number[];
  readonly l: number[];
  readonly c: number[];
  readonly v: number[];
}

const FIELDS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;
const NAMES: Readonly<Record<(typeof FIELDS)[number], string>> = {
  t: 'open time',
  o: 'open',
  h: 'high',
  l: 'low',
  c: 'close',
  v: 'volume',
};

/**
 * The bars as one base64 string of little-endian float64 columns (`t` in epoch milliseconds, then o, h, l, c, v:
 * 48 bytes a bar), or undefined when a timestamp would not come back unchanged from epoch milliseconds.
 */
export function binaryColumnsOf(bars: readonly DeepReadonly<Bar>[]): string | undefined {
  const n = bars.length;
  const bytes = Buffer.allocUnsafe(48 * n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slid = writtenWindows.slidFrom(bars);
  for (let i = slid === undefined ? 0 : n - 1; i < n; i++) {
    const bar = bars[i];
    const t = epochOfIso(bar.timestamp);
    if (t === undefined) return undefined;
    view.setFloat64(8 * i, t, true);
    view.setFloat64(8 * (n + i), bar.open, true);
    view.setFloat64(8 * (2 * n + i), bar.high, true);
    view.setFloat64(8 * (3 * n + i), bar.low, true);
    view.setFloat64(8 * (4 * n + i), bar.close, true);
    view.setFloat64(8 * (5 * n + i), bar.volume, true);
  }
  if (slid !== undefined) {
    // The bars it shares with the window written before, column by column: that window's, less its first if dropped.
    const m = n - 1 + slid.dropped;
    for (let k = 0; k < FIELDS.length; k++) slid.value.copy(bytes, 8 * k * n, 8 * (k * m + slid.dropped), 8 * (k + 1) * m);
  }
  writtenWindows.remember(bars, bytes, slid !== undefined);
  return bytes.toString('base64');
}

// Windows of frozen bars written lately, with their bytes: a replay sends each symbol's window again slid by one bar.
const writtenWindows = new SlidWindows<DeepReadonly<Bar>, Buffer>();

/**
 * The float64 values of `columns` columns of `count` `rows` each in `base64`, or why there are none: not base64 of exactly
 * 8 bytes a value. Value `i` of column `k` is `view.getFloat64(8 * (k * count + i), true)`.
 */
export function float64Columns(base64: string, count: number, columns: number, rows: string): DataView | string {
  // 8 × `columns` bytes a row; with no padding when that is a multiple of 3 (48 bytes a bar is 64 characters). Node's
  // decoder skips what is not base64, so a string of the right length that decodes short was not base64.
  const bytes = 8 * columns * count;
  const characters = 4 * Math.ceil(bytes / 3);
  if (base64.length !== characters) return `has ${base64.length} characters where ${count} ${rows} take ${characters}`;
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length !== bytes) return 'is not base64';
  return new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}

/** Why value `i` of column `field` cannot be a bar's, or undefined when it can. */
function valueProblem(field: (typeof FIELDS)[number], value: number, i: number): string | undefined {
  if (field === 't' ? isEpochMs(value) : Number.isFinite(value) && (field !== 'v' || value >= 0)) return undefined;
  const wanted =
    field === 't' ? 'a whole number of epoch milliseconds' : field === 'v' ? 'a finite number of at least 0' : 'a finite number';
  return `bar ${i}: ${NAMES[field]} ${String(value)} is not ${wanted}`;
}

/**
 * The columns of `count` bars in `view` (float64Columns' of 6 columns), or why they are not: an open time that is not
 * a whole number of epoch milliseconds, a price that is not finite, a negative volume.
 */
export function columnsOfView(view: DataView, count: number): BarColumns | string {
  const columns: BarColumns = { t: [], o: [], h: [], l: [], c: [], v: [] };
  for (let k = 0; k < FIELDS.length; k++) {
    const field = FIELDS[k];
    const column = columns[field];
    for (let i = 0; i < count; i++) {
      const value = view.getFloat64(8 * (k * count + i), true);
      const problem = valueProblem(field, value, i);
      if (problem !== undefined) return problem;
      column.push(value);
    }
  }
  return columns;
}

/** Bar `i` of the `count` in `view`, as six values in column order, or why it cannot be a bar. */
export function rowOfView(view: DataView, count: number, i: number): number[] | string {
  const row: number[] = [];
  for (let k = 0; k < FIELDS.length; k++) {
    const value = view.getFloat64(8 * (k * count + i), true);
    const problem = valueProblem(FIELDS[k], value, i);
    if (problem !== undefined) return problem;
    row.push(value);
  }
  return row;
}

/**
 * Whether the first `count` bars of `b` (of `nb` bars) are, byte for byte, bars `offset` to `offset + count` of `a`
 * (of `na` bars), column by column.
 */
export function sameBinaryBars(a: DataView, na: number, offset: number, b: DataView, nb: number, count: number): boolean {
  const from = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const to = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (let k = 0; k < FIELDS.length; k++) {
    const start = 8 * (k * na + offset);
    if (to.compare(from, start, start + 8 * count, 8 * k * nb, 8 * (k * nb + count)) !== 0) return false;
  }
  return true;
}
