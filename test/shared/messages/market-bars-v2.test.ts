import test from 'ava';
import { decodePushEvent, encodeMessage } from '../../../shared/messages/envelope.js';
import { MARKET_BARS_SCHEMA_VERSION, MarketBarsSchema, marketBarsKind } from '../../../shared/messages/market-bars.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { makeMarketBars } from './message-factory.js';

// Sources write timestamps without milliseconds (`2024-03-04T08:00:00Z`), as Alpaca's and the bundled bars read.
const bars = makeMarketBars().bars.map((bar) => ({ ...bar, timestamp: bar.timestamp.replace('.000Z', 'Z') }));
const v1 = makeMarketBars({ bars });
const v2 = makeMarketBars({ schemaVersion: 2, bars });

function wireOf(payload: typeof v1): Record<string, unknown> {
  return JSON.parse(encodeMessage(marketBarsKind, payload).data.toString('utf8')) as Record<string, unknown>;
}

test('version 2 is still written when a payload asks for it (fetchMarketData now writes 3)', (t) => {
  t.is(MARKET_BARS_SCHEMA_VERSION, 3);
  t.is(encodeMessage(marketBarsKind, v2).attributes.schemaVersion, '2');
});

test('version 2 carries the bars as columns, open times in epoch milliseconds', (t) => {
  const wire = wireOf(v2);
  t.is(wire.schemaVersion, 2);
  t.deepEqual(wire.bars, {
    t: v2.bars.map((bar) => Date.parse(bar.timestamp)),
    o: v2.bars.map((bar) => bar.open),
    h: v2.bars.map((bar) => bar.high),
    l: v2.bars.map((bar) => bar.low),
    c: v2.bars.map((bar) => bar.close),
    v: v2.bars.map((bar) => bar.volume),
  });
  t.is(encodeMessage(marketBarsKind, v2).attributes.schemaVersion, '2');
});

test('version 2 decodes to the very bars it was written from, frozen (cached) bars or not', (t) => {
  t.deepEqual(decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, v2)).payload, v2);
  const frozen = { ...v2, bars: v2.bars.map((bar) => Object.freeze({ ...bar })) };
  for (let i = 0; i < 2; i++)
    t.deepEqual(decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, frozen)).payload, v2);
});

test('a version 2 message is about half the bytes of the same bars in version 1', (t) => {
  const bars = Array.from({ length: 365 }, (_, i) => ({
    timestamp: new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().replace('.000Z', 'Z'),
    open: 40_000 + i,
    high: 40_100.25 + i,
    low: 39_900.5 + i,
    close: 40_050.75 + i,
    volume: 1234.5678,
  }));
  const size = (schemaVersion: 1 | 2) => encodeMessage(marketBarsKind, { ...v1, schemaVersion, bars }).data.length;
  t.true(size(2) < size(1) * 0.6, `${size(2)} vs ${size(1)} bytes`);
});

test('version 1 messages, as deployed code and people wrote them, still decode to the same bars', (t) => {
  const wire = wireOf(v1);
  t.is(wire.schemaVersion, 1);
  t.true(Array.isArray(wire.bars));
  t.deepEqual(decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, v1)).payload, v1);
  const { bars: asV1 } = decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, v1)).payload;
  const { bars: asV2 } = decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, v2)).payload;
  t.deepEqual(asV2, asV1);
});

test('bars whose timestamps epoch milliseconds would not give back unchanged are written as version 1', (t) => {
  const withMillis = [...v2.bars];
  withMillis[1] = { ...withMillis[1], timestamp: withMillis[1].timestamp.replace('Z', '.000Z') };
  const message = encodeMessage(marketBarsKind, { ...v2, bars: withMillis });
  t.is(message.attributes.schemaVersion, '1');
  const decoded = decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, { ...v2, bars: withMillis })).payload;
  t.deepEqual(decoded, { ...v2, schemaVersion: 1, bars: withMillis });
});

const badColumns: [string, (columns: Record<string, unknown[]>) => unknown, (string | number)[]][] = [
  ['a price that is not a number', (c) => ({ ...c, c: [c.c[0], '61250', c.c[2]] }), ['bars', 'c', 1]],
  ['a null open (NaN on the wire)', (c) => ({ ...c, o: [null, ...c.o.slice(1)] }), ['bars', 'o', 0]],
  ['a negative volume', (c) => ({ ...c, v: [c.v[0], c.v[1], -1] }), ['bars', 'v', 2]],
  ['a fractional millisecond', (c) => ({ ...c, t: [c.t[0], (c.t[1] as number) + 0.5, c.t[2]] }), ['bars', 't', 1]],
  ['a time past year 9999', (c) => ({ ...c, t: [c.t[0], c.t[1], 1e15] }), ['bars', 't', 2]],
  ['a missing column', ({ h: _h, ...c }) => c, ['bars', 'h']],
  ['a column shorter than t', (c) => ({ ...c, l: c.l.slice(1) }), ['bars', 'l']],
  ['bars as records under version 2', () => v1.bars, ['bars']],
];

for (const [name, mutate, path] of badColumns) {
  test(`version 2 with ${name} is refused, naming the field`, (t) => {
    const wire = wireOf(v2);
    const parsed = MarketBarsSchema.safeParse({ ...wire, bars: mutate(wire.bars as Record<string, unknown[]>) });
    t.false(parsed.success);
    t.deepEqual(parsed.error?.issues[0]?.path, path);
  });
}

test('version 2 decodes extra keys away, as version 1 does with an extra bar field', (t) => {
  const wire = wireOf(v2);
  const parsed = MarketBarsSchema.safeParse({ ...wire, bars: { ...(wire.bars as object), vw: [1, 2, 3] } });
  t.true(parsed.success);
  t.deepEqual(parsed.data?.bars, v2.bars);
});

test('windows of frozen bars written one after another (a replay) are byte for byte what fresh bars write', (t) => {
  const series = Array.from({ length: 40 }, (_, i) =>
    Object.freeze({
      timestamp: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().replace('.000Z', 'Z'),
      open: 100 + i,
      high: 110.5 + i,
      low: 95.25 + i,
      close: 105 + i / 3,
      volume: i,
    }),
  );
  // Growing from one bar, sliding a 10-bar window, the same window again, a jump, and a shrink.
  const windows: [number, number][] = [
    ...Array.from({ length: 12 }, (_, i): [number, number] => [0, i + 1]),
    ...Array.from({ length: 15 }, (_, i): [number, number] => [i + 3, i + 13]),
    [17, 27],
    [17, 27],
    [30, 40],
    [31, 39],
    [5, 5],
  ];
  for (const [from, to] of windows) {
    const frozen = series.slice(from, to);
    const fresh = frozen.map((bar) => ({ ...bar }));
    const text = (bars: typeof fresh) => encodeMessage(marketBarsKind, { ...v2, bars }).data.toString('utf8');
    t.is(text(frozen), text(fresh), `bars ${from}..${to}`);
    t.deepEqual(
      decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, { ...v2, bars: frozen })).payload.bars,
      fresh,
    );
  }
});

test('a bar decoded again is the same frozen object; another series at the same time keeps its own values', (t) => {
  const decode = (payload: typeof v2) => decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, payload)).payload;
  const first = decode(v2).bars;
  const again = decode(v2).bars;
  t.is(again[1], first[1]);
  t.true(Object.isFrozen(first[1]));
  const other = { ...v2, symbol: 'ETH/USD', bars: v2.bars.map((bar) => ({ ...bar, close: bar.close / 20, low: bar.low / 20 })) };
  const otherBars = decode(other).bars;
  t.deepEqual(otherBars, other.bars);
  t.deepEqual(decode(v2).bars, v2.bars, 'the first series is still decoded to its own values');
});

test('a window slid by one decodes to its own values when an earlier bar changed (a corrected bar), never the remembered one', (t) => {
  const decode = (payload: typeof v2) => decodePushEvent(marketBarsKind.schema, pushEventFor(marketBarsKind, payload)).payload;
  const series = Array.from({ length: 12 }, (_, i) => ({
    timestamp: new Date(Date.UTC(2023, 5, 1) + i * 86_400_000).toISOString().replace('.000Z', 'Z'),
    open: 50 + i,
    high: 60 + i,
    low: 40 + i,
    close: 55 + i,
    volume: 1000 + i,
  }));
  const first = decode({ ...v2, bars: series.slice(0, 10) }).bars;
  const slid = decode({ ...v2, bars: series.slice(1, 11) }).bars;
  t.deepEqual(slid, series.slice(1, 11));
  t.is(slid[0], first[1], 'the earlier bars are the ones decoded already');
  const corrected = series.slice(2, 12).map((bar, i) => (i === 4 ? { ...bar, close: bar.close + 0.5, high: bar.high + 1 } : bar));
  t.deepEqual(decode({ ...v2, bars: corrected }).bars, corrected);
});
