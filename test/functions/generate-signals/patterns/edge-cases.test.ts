import test from 'ava';
import { PATTERN_NAMES } from '../../../../shared/domain/patterns.js';
import type { Bar } from '../../../../shared/domain/bar.js';
import { InvalidArgumentError, InvalidBarError } from '../../../../shared/errors/errors.js';
import {
  analyzeSeries,
  detectPatterns,
  patternsAt,
  type PatternDetection,
} from '../../../../functions/generate-signals/patterns/index.js';
import { loadBars } from '../../../helpers/data.js';
import { dailyBars, legRows } from './bar-fixtures.js';

function firing(detection: PatternDetection): string[] {
  return PATTERN_NAMES.flatMap((name) =>
    Array.from(detection.patterns[name].entries())
      .filter(([, flag]) => flag === 1)
      .map(([i]) => `${name}@${i}`),
  );
}

test('zero-range bars with equal prices fire nothing, have no pivots and a NaN body share', (t) => {
  const rows = Array.from({ length: 80 }, (_, i) => [100, 100, 100, 100, i === 79 ? 10_000 : 1000] as const);
  const detection = detectPatterns(dailyBars(rows));
  t.deepEqual(firing(detection), []);
  t.deepEqual(detection.pivots, []);
  t.is(detection.harmonic, null);
  t.true(Number.isNaN(detection.analysis.bodyPct[79]));
  t.is(detection.analysis.green[79] + detection.analysis.red[79], 0, 'a doji is neither green nor red');
});

test('BULLISH_HAMMER accepts a zero-range bar, as the reference formula does (0 ≥ 2·0 and 0 ≤ ½·0)', (t) => {
  const rows = legRows(100, [[70, 150]], 0.5, 1000);
  const top = rows[rows.length - 1][3];
  rows.push([top, top, top, top, 5000]);
  t.true(patternsAt(analyzeSeries(dailyBars(rows)), rows.length - 1).BULLISH_HAMMER);
});

test('warm-up NaNs make every flag false on a short series, without throwing', (t) => {
  const bars = loadBars('btc-usd-1d.csv').slice(0, 12);
  const detection = detectPatterns(bars);
  t.deepEqual(firing(detection), []);
  t.true(Number.isNaN(detection.analysis.ema50[11]));
});

test('an empty series has no flags, pivots or harmonic', (t) => {
  const detection = detectPatterns([]);
  t.is(detection.patterns.BULLISH_ENGULFING.length, 0);
  t.deepEqual(detection.pivots, []);
  t.is(detection.harmonic, null);
});

test('zero volume everywhere turns off every pattern (each needs volume or money flow) and never throws', (t) => {
  const bars = loadBars('btc-usd-1d.csv')
    .slice(1500, 2300)
    .map((bar) => ({ ...bar, volume: 0 }));
  const detection = detectPatterns(bars);
  t.deepEqual(firing(detection), []);
  t.true(Number.isNaN(detection.analysis.mfi14[799]), 'no money flow at all gives NaN');
});

test('patterns, pivots and harmonics are the same with every price scaled by 1e-8 (btc-usd-1d.csv)', (t) => {
  const bars = loadBars('btc-usd-1d.csv');
  const scale = (bar: Bar): Bar => ({
    ...bar,
    open: bar.open * 1e-8,
    high: bar.high * 1e-8,
    low: bar.low * 1e-8,
    close: bar.close * 1e-8,
  });
  const plain = detectPatterns(bars);
  const tiny = detectPatterns(bars.map(scale));
  t.true(firing(plain).length > 50, `the stretch has patterns to compare: ${firing(plain).join(' ')}`);
  t.deepEqual(firing(tiny), firing(plain));
  t.deepEqual(
    tiny.pivots.map((pivot) => `${pivot.type}@${pivot.index}`),
    plain.pivots.map((pivot) => `${pivot.type}@${pivot.index}`),
  );
  t.is(tiny.harmonic?.type, plain.harmonic?.type);
});

test('analyzeSeries rejects an invalid bar, naming it', (t) => {
  const bars = loadBars('btc-usd-1d.csv').slice(0, 5);
  const broken = bars.map((bar, i) => (i === 3 ? { ...bar, low: bar.high + 1 } : bar));
  const error = t.throws(() => analyzeSeries(broken), { instanceOf: InvalidBarError });
  t.is(error?.index, 3);
});

test('patternsAt rejects a bar index outside the series', (t) => {
  const a = analyzeSeries(loadBars('btc-usd-1d.csv').slice(0, 5));
  for (const i of [-1, 5, 1.5]) {
    const error = t.throws(() => patternsAt(a, i), { instanceOf: InvalidArgumentError });
    t.is(error?.argument, 'i');
  }
});

test('the bearish engulfing column flags a red body covering the previous green body', (t) => {
  const a = analyzeSeries(
    dailyBars([
      [100, 106, 99, 105, 1],
      [106, 107, 98, 99, 1],
      [99, 100, 97, 98, 1],
    ]),
  );
  t.deepEqual(Array.from(a.bearishEngulfing), [0, 1, 0]);
});
