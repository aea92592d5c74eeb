import { z } from 'zod';
import type { Bar } from '../domain/bar.js';
import { FiniteSchema, IsoInstantSchema, PER_SYMBOL_HEADER, readWithFastPath } from './fields.js';
import type { DeepReadonly, Decoded, Mirrors } from './fields.js';
import { jsonOf } from './json-text.js';
import type { MessageKind } from './message-kind.js';
import { MESSAGE_LIMITS } from './limits.js';
import { TOPICS } from './topics.js';
import { BoundedMap } from '../cache/bounded-map.js';
import { EpochMsSchema, epochOfIso, isEpochMs, isoOfEpoch } from './epoch-time.js';
import { binaryColumnsOf, columnsOfView, float64Columns, rowOfView, sameBinaryBars } from './bar-columns-binary.js';
import type { BarColumns } from './bar-columns-binary.js';

/**
 * One candle's shape. Order, uniqueness and OHLC consistency are `validateBars`' job
 * (functions/generate-signals/bars.ts), not the schema's.
 */
export const BarSchema = z.object({
  timestamp: IsoInstantSchema,
  open: FiniteSchema,
  high: FiniteSchema,
  low: FiniteSchema,
  close: FiniteSchema,
  volume: FiniteSchema.min(0),
});

const BarArraySchema = z.array(BarSchema).max(MESSAGE_LIMITS.barsPerMessage);
const BAR_KEYS = Object.keys(BarSchema.shape);
const NUMBER_KEYS = BAR_KEYS.filter((key) => key !== 'timestamp');
// Timestamps BarSchema accepted already: a replay sends each bar in hundreds of windows.
const MAX_KNOWN_INSTANTS = 100_000;
const knownInstants = new BoundedMap<string, true>(MAX_KNOWN_INSTANTS);

function isKnownInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (knownInstants.has(value)) return true;
  if (!IsoInstantSchema.safeParse(value).success) return false;
  knownInstants.set(value, true);
  return true;
}

/** True only for what `BarSchema` accepts unchanged: a plain record with exactly its keys, in its order. */
function isPlainBar(value: unknown): value is Bar {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  if (keys.length !== BAR_KEYS.length || keys.some((key, i) => key !== BAR_KEYS[i])) return false;
  const record = value as Record<string, unknown>;
  for (const key of NUMBER_KEYS) {
    const n = record[key];
    if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  }
  return (record.volume as number) >= 0 && isKnownInstant(record.timestamp);
}

/**
 * `z.array(BarSchema)` with a fast path, since a market-bars message holds hundreds of bars: an array of plain
 * bars `BarSchema` would accept unchanged passes as it is; anything else is decided by the schema, which names
 * the bad field.
 */
const isPlainBars = (value: unknown): value is Bar[] =>
  Array.isArray(value) && value.length <= MESSAGE_LIMITS.barsPerMessage && value.every(isPlainBar);
const BarsSchema = z.unknown().transform((value, ctx): Bar[] => readWithFastPath(BarArraySchema, isPlainBars, value, ctx));

/** Version 1 (still read): the bars as an array of records with ISO-8601 timestamps. */
const MarketBarsV1Schema = z.object({
  ...PER_SYMBOL_HEADER,
  bars: BarsSchema,
});

const column = <T extends z.ZodType>(value: T) => z.array(value).max(MESSAGE_LIMITS.barsPerMessage);
const COLUMN_KEYS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

/** Version 2's bars: one array per field, `t` the open time in epoch milliseconds; bar `i` is the `i`-th of each. */
const BarColumnsSchema = z.object({
  t: column(EpochMsSchema),
  o: column(FiniteSchema),
  h: column(FiniteSchema),
  l: column(FiniteSchema),
  c: column(FiniteSchema),
  v: column(FiniteSchema.min(0)),
});

/** True only for what `BarColumnsSchema` accepts unchanged: a plain record of its six number arrays, nothing else. */
function isPlainColumns(value: unknown): value is BarColumns {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length !== COLUMN_KEYS.length) return false;
  for (const key of COLUMN_KEYS) {
    const values = record[key];
    if (!Array.isArray(values) || values.length > MESSAGE_LIMITS.barsPerMessage) return false;
    for (const n of values) if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  }
  for (const n of record.v as number[]) if (n < 0) return false;
  for (const n of record.t as number[]) if (!isEpochMs(n)) return false;
  return true;
}

/**
 * The columns as bars, with the fast path of `BarsSchema`; columns of different lengths name the first one that
 * differs from `t`.
 */
const BarColumnsToBars = z.unknown().transform((value, ctx): Bar[] => {
  const columns = readWithFastPath(BarColumnsSchema, isPlainColumns, value, ctx);
  if (columns === z.NEVER) return z.NEVER;
  const { t } = columns;
  const uneven = COLUMN_KEYS.find((key) => columns[key].length !== t.length);
  if (uneven !== undefined) {
    ctx.issues.push({
      code: 'custom',
      path: [uneven],
      message: `has ${columns[uneven].length} values where t has ${t.length}: every column holds one value per bar`,
      input: value,
    });
    return z.NEVER;
  }
  const bars = barsFromColumns(columns);
  if (typeof bars !== 'string') return bars;
  ctx.issues.push({ code: 'custom', path: [], message: bars, input: value });
  return z.NEVER;
});

/** How a decoded window of one wire form is read. */
interface WindowForm<W> {
  count(window: W): number;
  /** The open time of bar `i`, in epoch milliseconds. */
  openTime(window: W, i: number): number;
  /** Whether the first `count` bars of `b` are those of `a` from `offset` on, exactly. */
  same(a: W, offset: number, b: W, count: number): boolean;
  /** Bar `i` made, or why it cannot be a bar. */
  bar(window: W, i: number): Bar | string;
}

/**
 * Windows decoded lately, by the open time of their last bar (a few series share one): a replay's next moment sends
 * the same window slid by one bar, whose bars are then those already decoded but the new last one.
 */
class RecentWindows<W> {
  private readonly byLastTime: BoundedMap<number, { readonly window: W; readonly bars: readonly Bar[] }[]>;

  constructor(
    limit: number,
    private readonly form: WindowForm<W>,
  ) {
    this.byLastTime = new BoundedMap(limit);
  }

  remember(window: W, bars: readonly Bar[]): void {
    const n = this.form.count(window);
    if (n === 0) return;
    const last = this.form.openTime(window, n - 1);
    const known = this.byLastTime.get(last) ?? [];
    if (known.length >= SERIES_PER_TIME) known.shift();
    known.push({ window, bars });
    this.byLastTime.set(last, known);
  }

  /**
   * The bars of `window` when it is one decoded lately plus one bar (less its first, if as long), the shared bars
   * exactly the same: those bars as they are and the new one made (or why it cannot be a bar); else undefined.
   */
  slidFrom(window: W): Bar[] | string | undefined {
    const { form } = this;
    const n = form.count(window);
    if (n < 2) return undefined;
    for (const before of this.byLastTime.get(form.openTime(window, n - 2)) ?? []) {
      const dropped = before.bars.length - (n - 1);
      if ((dropped !== 0 && dropped !== 1) || !form.same(before.window, dropped, window, n - 1)) continue;
      const bar = form.bar(window, n - 1);
      if (typeof bar === 'string') return bar;
      const bars = before.bars.slice(dropped);
      bars.push(bar);
      this.remember(window, bars);
      return bars;
    }
    return undefined;
  }
}

// Version 2's windows decoded lately, as columns of numbers (checked already, so a bar of them is always made).
const decodedColumns = new RecentWindows<BarColumns>(256, {
  count: (columns) => columns.t.length,
  openTime: (columns, i) => columns.t[i],
  same: (a, offset, b, count) => {
    for (const key of COLUMN_KEYS) {
      const from = a[key];
      const to = b[key];
      for (let i = 0; i < count; i++) if (!Object.is(from[i + offset], to[i])) return false;
    }
    return true;
  },
  bar: ({ t, o, h, l, c, v }, i) => barOf(t[i], o[i], h[i], l[i], c[i], v[i]),
});

/** The bars of checked columns of one length: a window decoded lately slid by one bar reuses its bars. */
function barsFromColumns(columns: BarColumns): Bar[] | string {
  const slid = decodedColumns.slidFrom(columns);
  if (slid !== undefined) return slid;
  const bars = freshBars(columns);
  decodedColumns.remember(columns, bars);
  return bars;
}

function freshBars({ t, o, h, l, c, v }: BarColumns): Bar[] {
  const bars: Bar[] = [];
  for (let i = 0; i < t.length; i++) bars.push(barOf(t[i], o[i], h[i], l[i], c[i], v[i]));
  return bars;
}

// Bars decoded already, by open time (a few series share a time): a replay sends each bar in hundreds of windows,
// so a bar with the very same values is the same frozen object instead of a new one.
const barsByTime = new BoundedMap<number, Bar[]>(MAX_KNOWN_INSTANTS);
const SERIES_PER_TIME = 8;

function barOf(t: number, open: number, high: number, low: number, close: number, volume: number): Bar {
  const known = barsByTime.get(t);
  if (known !== undefined) {
    for (const bar of known) {
      if (
        Object.is(bar.open, open) &&
        Object.is(bar.high, high) &&
        Object.is(bar.low, low) &&
        Object.is(bar.close, close) &&
        Object.is(bar.volume, volume)
      ) {
        return bar;
      }
    }
  }
  const bar = Object.freeze({ timestamp: isoOfEpoch(t), open, high, low, close, volume });
  if (known === undefined) {
    barsByTime.set(t, [bar]);
  } else {
    if (known.length >= SERIES_PER_TIME) known.shift();
    known.push(bar);
  }
  return bar;
}

/**
 * Version 2, what fetchMarketData writes: the same bars as columns (`bars: { t, o, h, l, c, v }`, `t` in epoch
 * milliseconds), about half the bytes of version 1 and no string per bar to parse. Decodes to the same `Bar[]`.
 */
const MarketBarsV2Schema = z.object({
  ...PER_SYMBOL_HEADER,
  schemaVersion: z.literal(2),
  bars: BarColumnsToBars,
});

/** Version 3's bars: `count` bars as one base64 string of little-endian float64 columns (bar-columns-binary.ts). */
const BinaryBarsToBars = z
  .object({ count: z.int().min(0).max(MESSAGE_LIMITS.barsPerMessage), f64le: z.string() })
  .transform((value, ctx): Bar[] => {
    const bars = barsOfBinary(value.f64le, value.count);
    if (typeof bars !== 'string') return bars;
    ctx.issues.push({ code: 'custom', path: ['f64le'], message: bars, input: value });
    return z.NEVER;
  });

/** A window of version 3 as decoded: its float64 columns (bar-columns-binary.ts) and its bar count. */
interface BinaryWindow {
  readonly view: DataView;
  readonly count: number;
}

// Version 3's windows decoded lately, as bytes: one slid by one bar, byte for byte, is checked and made into bars for
// its new bar only. Bytes the same as bytes already checked hold the same values, so checking them again could only agree.
const decodedBinary = new RecentWindows<BinaryWindow>(64, {
  count: (window) => window.count,
  openTime: (window, i) => window.view.getFloat64(8 * i, true),
  same: (a, offset, b, count) => sameBinaryBars(a.view, a.count, offset, b.view, b.count, count),
  bar: ({ view, count }, i) => {
    const row = rowOfView(view, count, i);
    if (typeof row === 'string') return row;
    const [t, o, h, l, c, v] = row;
    return barOf(t, o, h, l, c, v);
  },
});

/** The bars of `count` in `base64` (a version 3 `f64le`), or why it holds none. */
function barsOfBinary(base64: string, count: number): Bar[] | string {
  const view = float64Columns(base64, count, COLUMN_KEYS.length, 'bars');
  if (typeof view === 'string') return view;
  const window = { view, count };
  const slid = decodedBinary.slidFrom(window);
  if (slid !== undefined) return slid;
  const columns = columnsOfView(view, count);
  if (typeof columns === 'string') return columns;
  const bars = freshBars(columns);
  decodedBinary.remember(window, bars);
  return bars;
}

/**
 * Version 3, what fetchMarketData writes: version 2's columns as binary (`bars: { count, f64le }`, 48 bytes a bar in
 * base64), about the same bytes as version 2 but no number to parse from text. Decodes to the same `Bar[]`.
 */
const MarketBarsV3Schema = z.object({
  ...PER_SYMBOL_HEADER,
  schemaVersion: z.literal(3),
  bars: BinaryBarsToBars,
});

/** The bars of one symbol fetched for one scan request: the fan-out unit of the pipeline. Consumers read 1, 2 and 3. */
export const MarketBarsSchema = z.discriminatedUnion('schemaVersion', [
  MarketBarsV1Schema,
  MarketBarsV2Schema,
  MarketBarsV3Schema,
]);

/** The version fetchMarketData writes. */
export const MARKET_BARS_SCHEMA_VERSION = 3;

/** A decoded market-bars message (either version: the bars are records either way). */
export type MarketBars = Decoded<typeof MarketBarsSchema>;

/**
 * Version 2's bars as JSON columns (`{"t":[…],"o":[…],…}`), or undefined when a timestamp cannot travel as epoch
 * milliseconds unchanged. JSON.stringify writes a non-finite number as null, which the consumer refuses naming the column.
 */
function jsonColumnsOf(bars: readonly DeepReadonly<Bar>[]): string | undefined {
  const t: number[] = [];
  for (const bar of bars) {
    const epoch = epochOfIso(bar.timestamp);
    if (epoch === undefined) return undefined;
    t.push(epoch);
  }
  const column = (key: Exclude<keyof Bar, 'timestamp'>) => bars.map((bar) => bar[key]);
  return JSON.stringify({ t, o: column('open'), h: column('high'), l: column('low'), c: column('close'), v: column('volume') });
}

/** Version 3's bars as JSON (`{"count":n,"f64le":"…"}`), or undefined as for version 2. */
function binaryColumnsJson(bars: readonly DeepReadonly<Bar>[]): string | undefined {
  const f64le = binaryColumnsOf(bars);
  return f64le === undefined ? undefined : `{"count":${bars.length},"f64le":"${f64le}"}`;
}

/**
 * A market-bars payload as JSON: the columns of version 3 (binary) or 2 (numbers) when it asks for one and every
 * timestamp reads like `2024-03-04T08:00:00Z` (so the consumer gets it back unchanged from epoch milliseconds), else
 * version 1.
 */
function marketBarsJson(payload: DeepReadonly<MarketBars>): { readonly json: string; readonly schemaVersion: number } {
  if (payload.schemaVersion === 1) return { json: jsonOf(payload), schemaVersion: 1 };
  const { bars, ...header } = payload;
  const columns = payload.schemaVersion === 3 ? binaryColumnsJson(bars) : jsonColumnsOf(bars);
  if (columns === undefined) return { json: jsonOf({ ...payload, schemaVersion: 1 }), schemaVersion: 1 };
  return { json: `${JSON.stringify(header).slice(0, -1)},"bars":${columns}}`, schemaVersion: payload.schemaVersion };
}

/** Market bars travel on `market-bars`, keyed by symbol. */
export const marketBarsKind: MessageKind<typeof MarketBarsSchema> = {
  type: 'market.bars',
  topic: TOPICS.marketBars,
  schema: MarketBarsSchema,
  orderedBySymbol: true,
  checkOnEncode: false,
  toJson: marketBarsJson,
};

const _bar: Mirrors<Decoded<typeof BarSchema>, Bar> = true;
const _columns: Mirrors<(typeof COLUMN_KEYS)[number], keyof BarColumns> = true;
const _schemaColumns: Mirrors<z.output<typeof BarColumnsSchema>, BarColumns> = true;
