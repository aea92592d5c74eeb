import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import type { BarSnapshot, Signal } from '../../../shared/domain/signal.js';
import { assertR, makeBar, makeTp1Signal, makeTp2Signal, nowAfter } from './signal-factory.js';

/** Applies bars k = from, from+1, … in order; returns the signal and every event type. */
function replay(start: Signal, from: number, bars: Partial<BarSnapshot>[]): { signal: Signal; types: string[] } {
  const types: string[] = [];
  let signal = start;
  bars.forEach((patch, i) => {
    const result = advanceSignal(signal, makeBar(from + i, patch), nowAfter(from + i));
    signal = result.signal;
    types.push(...result.steps.map((step) => step.event.type));
  });
  return { signal, types };
}

test('after TP1 the stop ratchets up to the chandelier exit and a trail event states the new stop', (t) => {
  const result = advanceSignal(
    makeTp1Signal(),
    makeBar(2, { open: 64_000, high: 64_800, low: 63_800, close: 64_600, chandelierLong: 62_700 }),
    nowAfter(2),
  );
  t.is(result.signal.currentStop, 62_700);
  t.is(result.signal.tp3, 66_500, 'TP3 stays a target');
  t.is(result.steps.length, 1);
  const { event } = result.steps[0];
  t.like(event, { type: 'signal.trailed', price: 62_700, previousStop: 62_000, newStop: 62_700 });
});

test('a chandelier under the stop in force changes nothing and says nothing', (t) => {
  const result = advanceSignal(
    makeTp1Signal({ currentStop: 62_700 }),
    makeBar(2, { high: 63_000, low: 62_800, open: 62_900, close: 62_950, chandelierLong: 62_400 }),
    nowAfter(2),
  );
  t.is(result.signal.currentStop, 62_700);
  t.deepEqual(result.steps, []);
});

test('the stop never falls back to breakeven once the trail raised it', (t) => {
  const { signal } = replay(makeTp1Signal(), 2, [
    { open: 64_000, high: 64_800, low: 63_800, close: 64_600, chandelierLong: 62_900 },
    { open: 64_500, high: 64_700, low: 63_900, close: 64_100, chandelierLong: 61_000 },
  ]);
  t.is(signal.currentStop, 62_900);
});

test("the raised stop fires on the bar's low, at the stop, as a TRAIL_STOP", (t) => {
  const { signal, types } = replay(makeTp1Signal(), 2, [
    { open: 64_000, high: 64_800, low: 63_800, close: 64_600, chandelierLong: 63_100 },
    { open: 64_300, high: 64_400, low: 63_000, close: 64_200, chandelierLong: 63_200 },
  ]);
  t.deepEqual(types, ['signal.trailed', 'signal.stopped']);
  t.is(signal.exitReason, 'TRAIL_STOP');
  t.is(signal.exitPrice, 63_100, "the stop known when the bar opened, not the bar's own chandelier");
  assertR(t, signal.realizedR, 0.5 + 0.5 * (1100 / 1500));
});

test('a runner that gaps under the trailing stop exits at the open', (t) => {
  const { signal } = replay(makeTp1Signal({ currentStop: 63_100 }), 2, [
    { open: 62_800, high: 63_000, low: 62_500, close: 62_900 },
  ]);
  t.is(signal.exitPrice, 62_800);
  t.is(signal.exitReason, 'TRAIL_STOP');
});

test('a close under the chandelier alone does not end the runner: only the stop does', (t) => {
  const { signal, types } = replay(makeTp1Signal(), 2, [
    { open: 63_000, high: 63_200, low: 62_100, close: 62_200, chandelierLong: 62_600 },
  ]);
  t.is(signal.status, 'TP1_HIT');
  t.deepEqual(types, ['signal.trailed']);
});

test('after TP2 the floor is TP1; the chandelier lifts it above; the last quarter is taken at TP3 as a limit', (t) => {
  const { signal, types } = replay(makeTp2Signal(), 3, [
    { open: 65_200, high: 65_900, low: 65_100, close: 65_800, chandelierLong: 64_000 },
    { open: 65_900, high: 66_800, low: 65_700, close: 66_000, chandelierLong: 64_500 },
  ]);
  t.deepEqual(types, ['signal.trailed', 'signal.tp3']);
  t.is(signal.status, 'TP3_HIT');
  t.is(signal.exitReason, 'TP3');
  t.is(signal.exitPrice, 66_500);
  assertR(t, signal.realizedR, 1 + 0.25 * 3);
});

test('a breakeven stop after TP1 is BREAKEVEN_STOP and books the runner at zero', (t) => {
  const { signal } = replay(makeTp1Signal(), 2, [{ open: 62_500, high: 62_700, low: 61_900, close: 62_100 }]);
  t.is(signal.exitReason, 'BREAKEVEN_STOP');
  assertR(t, signal.realizedR, 0.5);
});

test('a NaN chandelier (warm-up) never moves the stop', (t) => {
  const { signal, types } = replay(makeTp1Signal(), 2, [
    { open: 64_000, high: 64_800, low: 63_800, close: 64_600, chandelierLong: Number.NaN },
  ]);
  t.is(signal.currentStop, 62_000);
  t.deepEqual(types, []);
});
