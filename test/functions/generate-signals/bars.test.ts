import test from 'ava';
import { validateBars } from '../../../functions/generate-signals/bars.js';
import { InvalidBarError } from '../../../shared/errors/errors.js';
import type { Bar } from '../../../shared/domain/bar.js';
import { loadBars } from '../../helpers/data.js';

const good: Bar[] = [
  { timestamp: '2024-01-01T00:00:00Z', open: 10, high: 12, low: 9, close: 11, volume: 5 },
  { timestamp: '2024-01-02T00:00:00Z', open: 11, high: 11, low: 11, close: 11, volume: 0 },
];

function withBar(index: number, patch: Partial<Record<keyof Bar, unknown>>): Bar[] {
  return good.map((bar, i) => (i === index ? ({ ...bar, ...patch } as Bar) : bar));
}

test('every bundled data file passes validation', (t) => {
  for (const file of ['btc-usd-1d.csv', 'eth-usd-1d.csv', 'spy-1d.csv', 'nvda-1d.csv', 'btc-usd-4h.csv', 'btc-usd-1h.csv']) {
    t.notThrows(() => validateBars(loadBars(file), file), file);
  }
});

test('accepts a zero-range bar with zero volume', (t) => {
  t.notThrows(() => validateBars(good));
});

const cases: [string, Bar[], number, string][] = [
  ['NaN close', withBar(1, { close: Number.NaN }), 1, 'close'],
  ['infinite high', withBar(0, { high: Infinity }), 0, 'high'],
  ['string volume', withBar(0, { volume: '5' }), 0, 'volume'],
  ['negative volume', withBar(1, { volume: -1 }), 1, 'volume'],
  ['low above the body', withBar(0, { low: 10.5 }), 0, 'low'],
  ['high below the body', withBar(0, { high: 10.9 }), 0, 'high'],
  ['repeated timestamp', withBar(1, { timestamp: '2024-01-01T00:00:00Z' }), 1, 'timestamp'],
  ['descending timestamp', withBar(1, { timestamp: '2023-12-31T00:00:00Z' }), 1, 'timestamp'],
  ['timestamp without zone', withBar(0, { timestamp: '2024-01-01 00:00:00' }), 0, 'timestamp'],
];

for (const [title, bars, index, field] of cases) {
  test(`rejects ${title}, naming bar ${index} and field ${field}`, (t) => {
    const error = t.throws(() => validateBars(bars, 'fixture'), { instanceOf: InvalidBarError });
    t.is(error?.index, index);
    t.is(error?.field, field);
    t.regex(error?.message ?? '', new RegExp(`^fixture: bar ${index}: field "${field}"`));
  });
}

test('timestamps checked before are checked again in every window: order, and a bad date among known ones', (t) => {
  t.notThrows(() => validateBars(good));
  const reversed = [good[1], good[0]];
  t.is(t.throws(() => validateBars(reversed), { instanceOf: InvalidBarError })?.field, 'timestamp');
  const badDate = [...good, { ...good[1], timestamp: '2024-13-01T00:00:00Z' }];
  t.is(t.throws(() => validateBars(badDate), { instanceOf: InvalidBarError })?.index, 2);
  t.notThrows(() => validateBars(good), 'a window of known bars stays valid');
});

test('a window slid by one over frozen bars validated before is checked at its new bar: out of order or broken, it is refused', (t) => {
  const series = Array.from({ length: 8 }, (_, i) =>
    Object.freeze({ timestamp: `2024-02-0${i + 1}T00:00:00Z`, open: 10, high: 12, low: 9, close: 11, volume: 5 }),
  );
  validateBars(series.slice(0, 6));
  t.notThrows(() => validateBars(series.slice(1, 7)), 'the next window is valid');
  const stale = Object.freeze({ ...series[2] });
  const backwards = t.throws(() => validateBars([...series.slice(2, 7), stale]), { instanceOf: InvalidBarError });
  t.is(backwards.field, 'timestamp');
  t.is(backwards.index, 5);
  const broken = Object.freeze({ ...series[7], low: 13 });
  const refused = t.throws(() => validateBars([...series.slice(2, 7), broken]), { instanceOf: InvalidBarError });
  t.is(refused.field, 'low');
});
