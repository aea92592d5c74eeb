import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import type { AdvanceResult } from '../../../functions/persist-state/lifecycle.js';
import { assertR, makeBar, makeSignal, makeTp1Signal, makeTp2Signal, nowAfter } from './signal-factory.js';

// Levels of every setup here: entry 62 000, stop 60 500 (1 R = 1 500), TP1 63 500, TP2 65 000, TP3 66 500.

const types = (result: AdvanceResult) => result.steps.map((step) => step.event.type);

test('an open at or below the stop is stopped at the open, not at the stop', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 60_200, high: 64_000, low: 60_000, close: 63_900 }), nowAfter(1));
  t.is(result.signal.status, 'STOPPED');
  t.is(result.signal.exitReason, 'STOP');
  t.is(result.signal.exitPrice, 60_200);
  assertR(t, result.signal.realizedR, -1.2);
  t.deepEqual(types(result), ['signal.stopped']);
});

test('an open exactly at the stop is stopped there', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 60_500, high: 61_000, low: 60_500, close: 60_900 }), nowAfter(1));
  t.is(result.signal.exitPrice, 60_500);
});

test('an open at or above TP1 fills TP1 at the open', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 63_800, high: 64_000, low: 63_600, close: 63_900 }), nowAfter(1));
  t.is(result.signal.status, 'TP1_HIT');
  t.deepEqual(types(result), ['signal.tp1']);
  t.is(result.steps[0].event.price, 63_800);
  assertR(t, result.signal.realizedR, 0.5 * (1800 / 1500));
});

test('a bar touching the stop and TP1 with the open between them is stopped first', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 62_000, high: 63_800, low: 60_400, close: 63_000 }), nowAfter(1));
  t.is(result.signal.status, 'STOPPED');
  t.is(result.signal.exitPrice, 60_500);
  t.false(result.signal.tp1Reached);
  t.deepEqual(types(result), ['signal.stopped']);
});

test('a bar opening above TP1 and falling to the stop takes TP1 at the open, then closes the rest at breakeven', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 63_700, high: 63_900, low: 60_000, close: 60_300 }), nowAfter(1));
  t.deepEqual(types(result), ['signal.tp1', 'signal.stopped']);
  t.is(result.signal.exitReason, 'BREAKEVEN_STOP');
  t.is(result.signal.exitPrice, 62_000);
  assertR(t, result.signal.realizedR, 0.5 * (1700 / 1500));
});

test('a bar that reaches TP1 and touches the new breakeven stop takes TP1 and closes the rest at breakeven', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 62_300, high: 63_600, low: 61_900, close: 62_500 }), nowAfter(1));
  t.deepEqual(types(result), ['signal.tp1', 'signal.stopped']);
  t.is(result.signal.status, 'STOPPED');
  t.is(result.signal.exitReason, 'BREAKEVEN_STOP');
  t.is(result.signal.exitPrice, 62_000);
  t.true(result.signal.tp1Reached);
  assertR(t, result.signal.realizedR, 0.5);
  t.is(result.steps[0].signal.status, 'TP1_HIT', 'each event carries the signal as it stood right after it');
});

test('a bar that reaches TP1 and TP2 but also touches breakeven closes at breakeven: TP2 is never assumed first', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 62_300, high: 65_500, low: 61_950, close: 65_000 }), nowAfter(1));
  t.deepEqual(types(result), ['signal.tp1', 'signal.stopped']);
  assertR(t, result.signal.realizedR, 0.5);
});

test('after TP2, a bar that reaches TP2 and touches TP1 closes the rest at TP1 on that bar', (t) => {
  const result = advanceSignal(
    makeTp1Signal(),
    makeBar(2, { open: 63_600, high: 65_100, low: 63_400, close: 64_000 }),
    nowAfter(2),
  );
  t.deepEqual(types(result), ['signal.tp2', 'signal.stopped']);
  t.is(result.signal.exitReason, 'TRAIL_STOP');
  t.is(result.signal.exitPrice, 63_500);
  assertR(t, result.signal.realizedR, 0.5 + 0.25 * 2 + 0.25 * 1);
});

test('a bar touching the breakeven stop and TP2 after TP1, opening between them, is stopped first', (t) => {
  const result = advanceSignal(
    makeTp1Signal(),
    makeBar(2, { open: 63_000, high: 65_300, low: 61_900, close: 64_000 }),
    nowAfter(2),
  );
  t.deepEqual(types(result), ['signal.stopped']);
  t.is(result.signal.exitPrice, 62_000);
  assertR(t, result.signal.realizedR, 0.5);
});

test('a bar through TP1, TP2 and TP3 that never comes back to TP1 takes all three on that bar', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 63_600, high: 66_600, low: 63_550, close: 66_400 }), nowAfter(1));
  t.deepEqual(types(result), ['signal.tp1', 'signal.tp2', 'signal.tp3']);
  t.is(result.signal.status, 'TP3_HIT');
  t.is(result.signal.exitReason, 'TP3');
  t.is(result.signal.exitPrice, 66_500);
  assertR(t, result.signal.realizedR, 0.5 * (1600 / 1500) + 0.5 + 0.75);
});

test('the same bar with a low under TP1 closes the last quarter at TP1: the low may have come after TP2', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { open: 62_100, high: 66_600, low: 62_050, close: 66_400 }), nowAfter(1));
  t.deepEqual(types(result), ['signal.tp1', 'signal.tp2', 'signal.stopped']);
  t.is(result.signal.exitReason, 'TRAIL_STOP');
  assertR(t, result.signal.realizedR, 0.5 + 0.5 + 0.25);
});

test('an open above TP3 after TP2 fills the last quarter at the open', (t) => {
  const result = advanceSignal(
    makeTp2Signal(),
    makeBar(3, { open: 67_000, high: 67_500, low: 66_800, close: 67_200 }),
    nowAfter(3),
  );
  t.is(result.signal.exitPrice, 67_000);
  t.is(result.signal.exitReason, 'TP3');
  assertR(t, result.signal.realizedR, 1 + 0.25 * (5000 / 1500));
});

test('the stop pre-empts an invalidation on the same bar', (t) => {
  const result = advanceSignal(makeSignal(), makeBar(1, { low: 60_400, close: 60_900, bearishEngulfing: true }), nowAfter(1));
  t.is(result.signal.exitReason, 'STOP');
});
