import test from 'ava';
import { analyzeSeries, pivotsAt } from '../../../../functions/generate-signals/patterns/index.js';
import { pivotsFromTrace, traceZigZag } from '../../../../functions/generate-signals/patterns/zigzag.js';
import { loadBars } from '../../../helpers/data.js';
import { dailyBars } from './bar-fixtures.js';

const flat = (price: number): [number, number, number, number, number] => [price, price, price, price, 1];
/** A bar reaching `high` from a base of 100. */
const up = (high: number): [number, number, number, number, number] => [100, high, 100, 100, 1];

test('a 4.9 % rise from the first low makes no pivot', (t) => {
  const bars = dailyBars([flat(100), up(104.9), flat(100)]);
  t.deepEqual(pivotsAt(analyzeSeries(bars), 2), []);
});

test('a 5 % rise from the first low makes a valley at bar 0 and a provisional peak', (t) => {
  const bars = dailyBars([flat(100), up(105), flat(100)]);
  const pivots = pivotsAt(analyzeSeries(bars), 2);
  t.deepEqual(
    pivots.map(({ index, price, type }) => ({ index, price, type })),
    [
      { index: 0, price: 100, type: 'VALLEY' },
      { index: 1, price: 105, type: 'PEAK' },
    ],
  );
});

test('a 5 % fall from the running high confirms the peak; 4.9 % does not', (t) => {
  const rise = [flat(100), up(110)];
  const confirmed = pivotsAt(analyzeSeries(dailyBars([...rise, [104.5, 104.5, 104.5, 104.5, 1]])), 2);
  const pending = pivotsAt(analyzeSeries(dailyBars([...rise, [104.61, 104.61, 104.61, 104.61, 1]])), 2);
  t.deepEqual(
    confirmed.map((pivot) => `${pivot.type}@${pivot.index}`),
    ['VALLEY@0', 'PEAK@1', 'VALLEY@2'],
  );
  t.deepEqual(
    pending.map((pivot) => `${pivot.type}@${pivot.index}`),
    ['VALLEY@0', 'PEAK@1'],
  );
});

test('the provisional pivot follows the current leg extreme until the leg reverses', (t) => {
  const bars = dailyBars([flat(100), up(106), up(108), [106, 107, 106, 106, 1], [101, 101, 101, 101, 1]]);
  const a = analyzeSeries(bars);
  t.is(pivotsAt(a, 1).at(-1)?.index, 1);
  t.is(pivotsAt(a, 2).at(-1)?.index, 2);
  t.is(pivotsAt(a, 3).at(-1)?.index, 2, 'a lower high does not move the extreme');
  t.deepEqual(
    pivotsAt(a, 4).map((pivot) => `${pivot.type}@${pivot.index}`),
    ['VALLEY@0', 'PEAK@2', 'VALLEY@4'],
  );
});

test('pivots on btc-usd-1d.csv alternate in type and advance in bar index', (t) => {
  const bars = loadBars('btc-usd-1d.csv');
  const pivots = pivotsAt(analyzeSeries(bars), bars.length - 1);
  t.true(pivots.length > 100);
  for (let k = 1; k < pivots.length; k++) {
    t.not(pivots[k].type, pivots[k - 1].type, `pivot ${k}`);
    t.true(pivots[k].index > pivots[k - 1].index, `pivot ${k}`);
  }
});

test('pivots known at bar i equal a batch run over bars 0..i, and confirmed pivots never change (eth-usd-1d.csv)', (t) => {
  const bars = loadBars('eth-usd-1d.csv').slice(1000, 1400);
  const a = analyzeSeries(bars);
  let previousConfirmed: unknown[] = [];
  for (let i = 0; i < bars.length; i++) {
    const slice = bars.slice(0, i + 1);
    const incremental = pivotsAt(a, i);
    t.deepEqual(incremental, pivotsFromTrace(traceZigZag(slice), slice, i), `bar ${i}`);
    const confirmed = incremental.slice(0, -1);
    t.deepEqual(confirmed.slice(0, previousConfirmed.length), previousConfirmed, `bar ${i}`);
    previousConfirmed = confirmed;
  }
});
