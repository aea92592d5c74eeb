import type { Bar } from '../../shared/domain/bar.js';

/** A 400 the fake answers with Alpaca's current error body, `{"message": …}`. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

/** One page of `/v1beta3/crypto/{loc}/bars` or `/v2/stocks/bars`, with how many bars it holds. */
export interface BarsPage {
  readonly body: { bars: Record<string, WireBar[]>; next_page_token: string | null; currency?: string };
  readonly barCount: number;
}

/** A bar on the wire (wire-formats.md A.2): all fields required, `t` the RFC-3339 UTC open time. */
export interface WireBar {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  vw: number;
}

const TIMEFRAME =
  /^(?:([1-9]|[1-5][0-9])(?:Min|T)|([1-9]|1[0-9]|2[0-3])(?:Hour|H)|1(?:Day|D)|1(?:Week|W)|(?:1|2|3|4|6|12)(?:Month|M))$/;
const CRYPTO_PAIR = /^[A-Z]+\/[A-Z]+$/;

/**
 * Answers a bars query the way Alpaca does: `symbols` (comma list), `timeframe`, inclusive `start`/`end`
 * (RFC-3339 or `YYYY-MM-DD`; `start` defaults to today 00:00 UTC, `end` to now), `limit` 1..10000 (default
 * 1000) counting points across all symbols, `sort`, and an opaque base64 `page_token`. Points are ordered by
 * symbol, then time; symbols without data are absent. The data holds one timeframe: the fake never aggregates.
 */
export function barsPage(
  data: Readonly<Record<string, readonly Bar[]>>,
  query: URLSearchParams,
  crypto: boolean,
  nowMs: number,
): BarsPage {
  const symbols = (query.get('symbols') ?? '').split(',').filter((symbol) => symbol !== '');
  if (symbols.length === 0) throw new BadRequest('missing symbols');
  const bad = crypto ? symbols.find((symbol) => !CRYPTO_PAIR.test(symbol)) : undefined;
  if (bad !== undefined) throw new BadRequest(`invalid symbol: ${bad} does not match ^[A-Z]+/[A-Z]+$`);
  const timeframe = query.get('timeframe') ?? '';
  if (!TIMEFRAME.test(timeframe)) throw new BadRequest(`invalid timeframe: ${timeframe}`);
  const start = instant(query.get('start'), 'start') ?? Math.floor(nowMs / 86_400_000) * 86_400_000;
  const end = instant(query.get('end'), 'end') ?? nowMs;
  const limit = Number(query.get('limit') ?? '1000');
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= 10_000)) throw new BadRequest(`invalid limit: ${query.get('limit')}`);
  const sort = query.get('sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') throw new BadRequest(`invalid sort: ${sort}`);

  const points = [...new Set(symbols)].sort().flatMap((symbol) => {
    const series = inRange(data[symbol] ?? [], start, end);
    return (sort === 'asc' ? series : [...series].reverse()).map((bar) => ({ symbol, bar }));
  });
  const token = query.get('page_token');
  const [tokenSymbol, , tokenTime] = token === null ? [] : decodeToken(token).split('|');
  const from =
    token === null || token === ''
      ? 0
      : points.findIndex(({ symbol, bar }) => symbol === tokenSymbol && bar.timestamp === tokenTime);
  if (from < 0) throw new BadRequest('invalid page token');
  const served = points.slice(from, from + limit);
  const bars: Record<string, WireBar[]> = {};
  for (const { symbol, bar } of served) (bars[symbol] ??= []).push(toWire(bar));
  const next = points[from + limit];
  const body = { bars, next_page_token: next === undefined ? null : Buffer.from(keyOf(next)).toString('base64') };
  return { body: crypto ? body : { ...body, currency: 'USD' }, barCount: served.length };
}

const openTimes = new WeakMap<readonly Bar[], Float64Array>();

/** The bars opening in [start, end], found by binary search on the series' cached open times. */
function inRange(series: readonly Bar[], start: number, end: number): readonly Bar[] {
  let times = openTimes.get(series);
  if (times === undefined) {
    times = Float64Array.from(series, (bar) => Date.parse(bar.timestamp));
    openTimes.set(series, times);
  }
  return series.slice(firstAtLeast(times, start), firstAtLeast(times, end + 1));
}

function firstAtLeast(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The stocks token form of the spec's example: `SYMBOL|M|timestamp`, base64. */
function keyOf(point: { symbol: string; bar: Bar }): string {
  return `${point.symbol}|M|${point.bar.timestamp}`;
}

function decodeToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

function instant(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new BadRequest(`invalid ${name}: ${value}`);
  return ms;
}

function toWire(bar: Bar): WireBar {
  const vw = Math.round(((bar.high + bar.low + bar.close) / 3) * 1e6) / 1e6;
  return {
    t: bar.timestamp,
    o: bar.open,
    h: bar.high,
    l: bar.low,
    c: bar.close,
    v: bar.volume,
    n: 1 + Math.round(bar.volume % 997),
    vw,
  };
}
