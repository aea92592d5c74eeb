import test from 'ava';
import type { Pivot } from '../../../../shared/domain/patterns.js';
import { findHarmonic, HARMONIC_TOLERANCE } from '../../../../functions/generate-signals/patterns/index.js';

const DAY_MS = 86_400_000;

/** Alternating pivots starting with `first`, one every `days` days (bar index = day). */
function pivots(prices: readonly number[], first: Pivot['type'] = 'PEAK', days = 5, startIndex = 0): Pivot[] {
  return prices.map((price, k) => {
    const index = startIndex + k * days;
    const even = k % 2 === 0;
    return {
      index,
      timestamp: new Date(Date.UTC(2024, 0, 1) + index * DAY_MS).toISOString(),
      price,
      type: even === (first === 'PEAK') ? 'PEAK' : 'VALLEY',
    };
  });
}

/** X=1, A=0, so the B and D retracements equal the B and D prices. */
const gartley = (b: number, d = 0.786): Pivot[] => pivots([1, 0, b, 0.3, d]);

test('GARTLEY matches with B exactly at 0.618 × (1 + 0.1 %)', (t) => {
  const match = findHarmonic(gartley(0.618 * (1 + HARMONIC_TOLERANCE)));
  t.is(match?.type, 'GARTLEY');
  t.deepEqual(match?.ratios, { B_ratio: 0.619, D_ratio: 0.786 });
});

test('GARTLEY matches with B exactly at 0.618 × (1 − 0.1 %)', (t) => {
  t.is(findHarmonic(gartley(0.618 * (1 - HARMONIC_TOLERANCE)))?.type, 'GARTLEY');
});

test('GARTLEY does not match with B just outside ±0.1 %', (t) => {
  t.is(findHarmonic(gartley(0.618 * (1 + HARMONIC_TOLERANCE) * (1 + 1e-12))), null);
  t.is(findHarmonic(gartley(0.618 * (1 - HARMONIC_TOLERANCE) * (1 - 1e-12))), null);
});

test('BAT, BUTTERFLY and CRAB match their B and D retracements', (t) => {
  t.is(findHarmonic(pivots([1, 0, 0.45, 0.3, 0.886]))?.type, 'BAT');
  t.is(findHarmonic(pivots([1, 0, 0.786, 0.3, 1.27]))?.type, 'BUTTERFLY');
  t.is(findHarmonic(pivots([1, 0, 0.55, 0.3, 1.618]))?.type, 'CRAB');
});

test('ABCD matches equal CD and AB legs over equal bar counts', (t) => {
  const match = findHarmonic(pivots([100, 110, 105, 115], 'VALLEY'));
  t.is(match?.type, 'ABCD');
  t.deepEqual(match?.ratios, { price_ratio: 1, time_ratio: 1 });
});

/** Legs shrinking by 10 % each: no harmonic or wave rule holds on them. */
function filler(count: number, from: number): number[] {
  const prices: number[] = [];
  let price = from;
  let leg = 0.5;
  for (let k = 0; k < count; k++) {
    price += k % 2 === 0 ? leg : -leg;
    leg *= 0.9;
    prices.push(price);
  }
  return prices;
}

test('the harmonic scan reads only the latest 15 pivots', (t) => {
  const head = [1, 0, 0.618, 0.3, 0.786];
  t.is(findHarmonic(pivots([...head, ...filler(10, 0.786)]))?.type, 'GARTLEY', '15 pivots: X is still in the window');
  t.is(findHarmonic(pivots([...head, ...filler(11, 0.786)])), null, '16 pivots: X has left the window');
});

test('isMacro holds when the match spans more than 90 calendar days', (t) => {
  const prices = [1, 0, 0.618, 0.3, 0.786];
  t.false(findHarmonic(pivots(prices, 'PEAK', 22.5))?.isMacro, '90 days');
  t.true(findHarmonic(pivots(prices, 'PEAK', 22.75))?.isMacro, '91 days');
});

test('ELLIOTT_WAVE_135 bullish: wave 3 ≥ 1.618 × wave 1, wave 4 retraces ≥ 23.6 % and stays above wave 1', (t) => {
  const match = findHarmonic(pivots([100, 110, 104, 130, 120], 'VALLEY'));
  t.is(match?.type, 'ELLIOTT_WAVE_135');
  t.deepEqual(match?.ratios, { wave3_to_wave1_ratio: 2.6, wave4_retrace_ratio: 0.385 });
});

test('ELLIOTT_WAVE_135 is rejected when wave 4 overlaps wave 1', (t) => {
  t.is(findHarmonic(pivots([100, 110, 104, 130, 109], 'VALLEY')), null);
});

test('ELLIOTT_WAVE_135 bearish mirrors the bullish rule', (t) => {
  t.is(findHarmonic(pivots([130, 120, 126, 100, 110], 'PEAK'))?.type, 'ELLIOTT_WAVE_135');
});

test('the last detector in scan order wins: an Elliott count beats an older Gartley', (t) => {
  const window = [...pivots([1, 0, 0.618, 0.3, 0.786]), ...pivots([0.5, 0.9, 0.7, 1.5, 1.2], 'VALLEY', 5, 25)];
  t.is(findHarmonic(window)?.type, 'ELLIOTT_WAVE_135');
});

test('ELLIOTT_WAVE_135 reports the most recent count, GARTLEY the oldest', (t) => {
  const waves = pivots([100, 110, 104, 130, 120, 150, 140, 200, 180], 'VALLEY');
  t.is(findHarmonic(waves)?.pivots[0].index, 20, 'the latest five-pivot count starts at pivot 4');
  const twoGartleys = pivots([1, 0, 0.618, 0.3, 0.786, 0, 0.618 * 0.786, 0.2, 0.786 * 0.786]);
  t.is(findHarmonic(twoGartleys.slice(4))?.type, 'GARTLEY', 'the second five pivots are a Gartley too');
  const match = findHarmonic(twoGartleys);
  t.is(match?.type, 'GARTLEY');
  t.is(match?.pivots[0].index, 0);
});
