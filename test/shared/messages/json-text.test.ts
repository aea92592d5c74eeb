import test from 'ava';
import { jsonOf } from '../../../shared/messages/json-text.js';
import { createReplaySource } from '../../../shared/market-data/replay-source.js';
import { makeAnalysis, makeMarketBars } from './message-factory.js';

const frozenBars = () => makeMarketBars().bars.map((bar) => Object.freeze({ ...bar }));

const rows: [string, unknown][] = [
  ['a market-bars payload', makeMarketBars()],
  ['a market-bars payload of frozen bars', { ...makeMarketBars(), bars: frozenBars() }],
  ['an analysis (NaN readings, nested objects)', makeAnalysis()],
  [
    'fields JSON leaves out or turns into null',
    { a: undefined, b: () => 1, c: [undefined, () => 1, Number.NaN, Object.freeze({ x: Infinity })], d: null },
  ],
  [
    'a sparse array and a Date',
    { sparse: Object.assign(new Array<number>(3), { 0: 1, 2: 3 }), at: new Date(Date.UTC(2024, 2, 4)) },
  ],
  ['an object with toJSON', { toJSON: () => ({ replaced: true }), hidden: 1 }],
  ['an array, a string, a number', [Object.freeze({ a: 1 }), 'x']],
  ['a string', 'text'],
  [
    'a class instance',
    new (class Point {
      x = 1;
      y = [Object.freeze({ z: 2 })];
    })(),
  ],
];

for (const [name, value] of rows) {
  test(`jsonOf gives JSON.stringify's text for ${name}`, (t) => {
    t.is(jsonOf(value), JSON.stringify(value));
  });
}

test('jsonOf gives the same text for every window of the replay source, however often a bar was serialised before', async (t) => {
  const source = createReplaySource();
  const request = { symbols: ['BTC/USD'], timeframe: '1Day' as const, lookbackBars: 30 };
  for (const asOf of ['2024-03-04T00:00:00Z', '2024-03-05T00:00:00Z', '2024-03-04T00:00:00Z']) {
    const [result] = await source.closedBars({ ...request, asOf: new Date(asOf) });
    if (!('bars' in result)) return t.fail(result.problem);
    t.true(
      result.bars.every((bar) => Object.isFrozen(bar)),
      'the replay serves frozen bars',
    );
    const payload = { symbol: 'BTC/USD', asOf, bars: result.bars };
    t.is(jsonOf(payload), JSON.stringify(payload));
  }
});
