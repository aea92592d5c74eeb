import test from 'ava';
import { z } from 'zod';
import { PER_SYMBOL_HEADER } from '../../../shared/messages/fields.js';
import { BarSchema, MarketBarsSchema } from '../../../shared/messages/market-bars.js';
import { makeMarketBars } from './message-factory.js';

/** The schema as written before the fast path: what MarketBarsSchema must behave exactly like. */
const Reference = z.object({ ...PER_SYMBOL_HEADER, bars: z.array(BarSchema) });

const message = makeMarketBars();
const good = message.bars[1];
const mutations: [string, unknown][] = [
  ['a valid bar', { ...good }],
  ['an extra field', { ...good, vwap: 1 }],
  [
    'the fields in another order',
    { open: good.open, timestamp: good.timestamp, high: good.high, low: good.low, close: good.close, volume: good.volume },
  ],
  ['a missing volume', { timestamp: good.timestamp, open: good.open, high: good.high, low: good.low, close: good.close }],
  ['a null close', { ...good, close: null }],
  ['a price as a string', { ...good, open: '61250' }],
  ['a negative volume', { ...good, volume: -1 }],
  ['a zero volume', { ...good, volume: 0 }],
  ['a date that does not exist', { ...good, timestamp: '2024-02-30T00:00:00Z' }],
  ['a leap day', { ...good, timestamp: '2024-02-29T00:00:00Z' }],
  ['a time without Z', { ...good, timestamp: '2024-03-04T08:00:00' }],
  ['a time with an offset', { ...good, timestamp: '2024-03-04T08:00:00+01:00' }],
  ['a numeric timestamp', { ...good, timestamp: 1709539200000 }],
  ['a bar that is an array', [good.timestamp, good.open]],
  ['a bar that is null', null],
  ['a bar with another prototype', Object.assign(Object.create({ inherited: 1 }) as object, good)],
];

for (const [name, bar] of mutations) {
  for (const position of [0, 2]) {
    test(`market-bars decodes ${name} at bar ${position} exactly as z.array(BarSchema) does`, (t) => {
      const bars: unknown[] = [...message.bars];
      bars[position] = bar;
      const wire: unknown = JSON.parse(JSON.stringify({ ...message, bars }));
      const fast = MarketBarsSchema.safeParse(wire);
      const reference = Reference.safeParse(wire);
      t.is(fast.success, reference.success);
      t.is(JSON.stringify(fast.data), JSON.stringify(reference.data), 'same values, same key order');
      const issues = (result: typeof fast) => result.error?.issues.map(({ code, path, message }) => ({ code, path, message }));
      t.deepEqual(issues(fast), issues(reference));
    });
  }
}

test('market-bars refuses bars that are not an array, as z.array(BarSchema) does', (t) => {
  for (const bars of [null, {}, 'bars', 3]) {
    const wire = { ...message, bars };
    const fast = MarketBarsSchema.safeParse(wire);
    const reference = Reference.safeParse(wire);
    t.false(fast.success);
    t.deepEqual(
      fast.error?.issues.map(({ code, path }) => ({ code, path })),
      reference.error?.issues.map(({ code, path }) => ({ code, path })),
    );
  }
});
