import test from 'ava';
import { DecodeError } from '../../../shared/errors/errors.js';
import { decodePushEvent, encodeMessage } from '../../../shared/messages/envelope.js';
import { MARKET_BARS_SCHEMA_VERSION, MarketBarsSchema, marketBarsKind } from '../../../shared/messages/market-bars.js';
import { pushEventFor, pushEventWithJson } from '../../../shared/testing/events.js';
import { makeMarketBars } from './message-factory.js';
import { readFloat64Columns } from './wire-columns.js';

const bars = makeMarketBars().bars.map((bar) => ({ ...bar, timestamp: bar.timestamp.replace('.000Z', 'Z') }));
const v3 = makeMarketBars({ schemaVersion: 3, bars });

const wireOf = (payload: typeof v3) =>
  JSON.parse(encodeMessage(marketBarsKind, payload).data.toString('utf8')) as { schemaVersion: number; bars: unknown };
const decode = (payload: typeof v3) => decodePushEvent(MarketBarsSchema, pushEventFor(marketBarsKind, payload)).payload;

const readColumns = (base64: string, count: number) => readFloat64Columns(base64, 6, count);

test('fetchMarketData writes version 3', (t) => {
  t.is(MARKET_BARS_SCHEMA_VERSION, 3);
  t.is(encodeMessage(marketBarsKind, v3).attributes.schemaVersion, '3');
});

test('version 3 carries the bars as little-endian float64 columns in base64: open times in epoch ms, then o h l c v', (t) => {
  const wire = wireOf(v3);
  t.is(wire.schemaVersion, 3);
  const { count, f64le } = wire.bars as { count: number; f64le: string };
  t.is(count, bars.length);
  t.deepEqual(readColumns(f64le, count), [
    bars.map((bar) => Date.parse(bar.timestamp)),
    bars.map((bar) => bar.open),
    bars.map((bar) => bar.high),
    bars.map((bar) => bar.low),
    bars.map((bar) => bar.close),
    bars.map((bar) => bar.volume),
  ]);
});

test('version 3 decodes to the very bars it was written from, frozen (cached) bars or not', (t) => {
  t.deepEqual(decode(v3), v3);
  const frozen = { ...v3, bars: v3.bars.map((bar) => Object.freeze({ ...bar })) };
  for (let i = 0; i < 2; i++) t.deepEqual(decode(frozen), v3);
});

test('bars whose timestamps epoch milliseconds would not give back unchanged are written as version 1, and read the same', (t) => {
  const withMs = { ...v3, bars: makeMarketBars().bars };
  t.is(wireOf(withMs).schemaVersion, 1);
  t.deepEqual(decode(withMs).bars, withMs.bars);
});

function refusal(bars: unknown): DecodeError {
  try {
    decodePushEvent(MarketBarsSchema, pushEventWithJson({ ...wireOf(v3), bars }));
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('the message was not refused');
}

function withValue(column: number, bar: number, value: number): string {
  const { f64le } = wireOf(v3).bars as { f64le: string };
  const bytes = Buffer.from(f64le, 'base64');
  bytes.writeDoubleLE(value, 8 * (column * bars.length + bar));
  return bytes.toString('base64');
}

test('bad binary columns are refused naming the field and the bar: length, base64, NaN, negative volume, fractional time', (t) => {
  const { count, f64le } = wireOf(v3).bars as { count: number; f64le: string };
  t.regex(refusal({ count: count + 1, f64le }).message, /field "bars.f64le" .*has \d+ characters where \d+ bars take \d+/);
  t.regex(refusal({ count, f64le: `${'!'.repeat(4)}${f64le.slice(4)}` }).message, /field "bars.f64le" .*is not base64/);
  t.regex(refusal({ count, f64le: withValue(4, 2, Number.NaN) }).message, /bar 2: close NaN is not a finite number/);
  t.regex(refusal({ count, f64le: withValue(5, 1, -3) }).message, /bar 1: volume -3 is not a finite number of at least 0/);
  t.regex(
    refusal({ count, f64le: withValue(0, 0, 1.5) }).message,
    /bar 0: open time 1.5 is not a whole number of epoch milliseconds/,
  );
  t.is(refusal({ count: 1.5, f64le }).field, 'bars.count');
  t.is(refusal({ f64le }).field, 'bars.count');
});

test('versions 1 and 2, as deployed fetchMarketData wrote them, still decode to the same bars', (t) => {
  for (const schemaVersion of [1, 2] as const) {
    const older = { ...v3, schemaVersion };
    t.is(wireOf(older).schemaVersion, schemaVersion);
    t.deepEqual(decode(older).bars, bars);
  }
});

test('a window of frozen bars slid by one is written as a fresh write would be; unfrozen bars are read afresh', (t) => {
  const series = Array.from({ length: 40 }, (_, i) => ({
    ...bars[i % bars.length],
    timestamp: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().replace('.000Z', 'Z'),
    close: 100 + i,
  }));
  const frozen = series.map((bar) => Object.freeze({ ...bar }));
  const windowAt = (source: typeof series, end: number) => ({ ...v3, bars: source.slice(end - 30, end) });
  for (let end = 30; end <= 40; end++) {
    const slid = wireOf(windowAt(frozen, end)).bars as { count: number; f64le: string };
    const fresh = wireOf(
      windowAt(
        series.map((bar) => ({ ...bar })),
        end,
      ),
    ).bars as { count: number; f64le: string };
    t.deepEqual(slid, fresh, `window ending at bar ${end}`);
    t.deepEqual(
      readColumns(slid.f64le, 30)[4],
      series.slice(end - 30, end).map((bar) => bar.close),
    );
  }
  // A window growing by one bar (none dropped, as while a series is younger than the lookback).
  const growing = series.map((bar) => Object.freeze({ ...bar }));
  for (let end = 2; end <= 12; end++) {
    const written = wireOf({ ...v3, bars: growing.slice(0, end) }).bars as { count: number; f64le: string };
    const fresh = wireOf({ ...v3, bars: series.slice(0, end).map((bar) => ({ ...bar })) }).bars;
    t.deepEqual(written, fresh, `window of the first ${end} bars`);
  }
  // The same (unfrozen) objects slid by one after a change: the change is written.
  const open = series.map((bar) => ({ ...bar }));
  wireOf(windowAt(open, 35));
  open[20].close = -1;
  const after = wireOf(windowAt(open, 36)).bars as { count: number; f64le: string };
  t.is(readColumns(after.f64le, 30)[4][20 - 6], -1);
});

test('a window read slid by one from one read before gives the bars a fresh read gives, and every bad value is still refused', (t) => {
  const series = Array.from({ length: 45 }, (_, i) => ({
    ...bars[i % bars.length],
    timestamp: new Date(Date.UTC(2023, 5, 1 + i)).toISOString().replace('.000Z', 'Z'),
    close: 200 + i,
  }));
  const wireAt = (end: number) => wireOf({ ...v3, bars: series.slice(end - 30, end).map((bar) => ({ ...bar })) });
  const read = (wire: unknown) => decodePushEvent(MarketBarsSchema, pushEventWithJson(wire)).payload.bars;
  const changed = (end: number, column: number, bar: number, value: number) => {
    const wire = wireAt(end);
    const columns = wire.bars as { count: number; f64le: string };
    const bytes = Buffer.from(columns.f64le, 'base64');
    bytes.writeDoubleLE(value, 8 * (column * columns.count + bar));
    return { ...wire, bars: { ...columns, f64le: bytes.toString('base64') } };
  };
  for (let end = 30; end <= 40; end++) t.deepEqual(read(wireAt(end)), series.slice(end - 30, end), `window ending at bar ${end}`);
  // Each of these is window 41: the window read last (ending at 40) slid by one, but for one value.
  const refusedAt = (wire: unknown) => t.throws(() => read(wire), { instanceOf: DecodeError })?.message ?? '';
  t.regex(refusedAt(changed(41, 4, 10, Number.NaN)), /bar 10: close NaN is not a finite number/, 'a bad shared bar');
  t.regex(refusedAt(changed(41, 5, 29, -3)), /bar 29: volume -3 is not a finite number of at least 0/, 'a bad new bar');
  t.regex(refusedAt(changed(41, 0, 29, 1.5)), /bar 29: open time 1.5 is not a whole number/, 'a bad new open time');
  t.is(read(changed(41, 4, 5, 12_345))[5]?.close, 12_345, 'a changed shared bar is read as it now is');
  t.is(read(changed(41, 4, 5, -0))[5]?.close, -0, 'down to the sign of a zero');
  t.deepEqual(read(wireAt(41)), series.slice(11, 41));
  // Longer by one bar, none dropped (a series younger than the lookback), after the window ending at 41.
  t.deepEqual(read(wireOf({ ...v3, bars: series.slice(11, 42).map((bar) => ({ ...bar })) })), series.slice(11, 42));
});
