import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { barTime, makeBar, makeSignal, makeTp1Signal, makeTp2Signal, nowAfter } from './signal-factory.js';

test('expiry pre-empts the stop and TP1 on the bar that opens at validUntil', (t) => {
  const bar = makeBar(7, { open: 62_000, high: 63_800, low: 60_300, close: 62_500 });
  const { signal, event } = advanceSignal(makeSignal({ lastBarTimestamp: barTime(6) }), bar, nowAfter(7));
  t.is(signal.status, 'EXPIRED');
  t.is(event?.type, 'signal.expired');
});

test('a bar that touches both the stop and TP1 stops the signal: the stop is assumed first', (t) => {
  const { signal, event } = advanceSignal(makeSignal(), makeBar(1, { open: 62_000, high: 63_800, low: 60_400, close: 63_000 }), nowAfter(1));
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitPrice, 60_500);
  t.is(event?.type, 'signal.stopped');
});

test('a bar that touches both the stop and TP2 after TP1 stops the runner at breakeven', (t) => {
  const { signal } = advanceSignal(makeTp1Signal(), makeBar(2, { open: 63_000, high: 65_300, low: 61_900, close: 64_000 }), nowAfter(2));
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitPrice, 62_000);
});

test('the stop pre-empts a runner exit on the same bar', (t) => {
  const { signal } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 64_000, high: 64_100, low: 63_400, close: 63_800, chandelierLong: 64_500 }), nowAfter(3));
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitPrice, 63_500);
});

test('the stop pre-empts an invalidation on the same bar', (t) => {
  const { signal } = advanceSignal(makeSignal(), makeBar(1, { low: 60_400, close: 60_900, bearishEngulfing: true }), nowAfter(1));
  t.is(signal.exitReason, 'STOP_LOSS');
});

test('a WAITING bar reaching TP2 takes only TP1: one status step per bar', (t) => {
  const { signal, event } = advanceSignal(makeSignal(), makeBar(1, { high: 65_400, close: 65_100 }), nowAfter(1));
  t.is(signal.status, 'TP1_HIT');
  t.is(signal.openFraction, 0.5);
  t.is(event?.type, 'signal.tp1');
});

test('a TP1_HIT bar far above the chandelier takes TP2 and carries the raised trail', (t) => {
  const { signal, event } = advanceSignal(makeTp1Signal(), makeBar(2, { open: 66_000, high: 68_000, low: 65_800, close: 67_700, chandelierLong: 66_800 }), nowAfter(2));
  t.is(signal.status, 'TP2_HIT');
  t.is(signal.tp3, 66_800);
  t.is(event?.type, 'signal.tp2');
});

test('a runner exit pre-empts TP2 on the same bar', (t) => {
  const { signal, event } = advanceSignal(makeTp1Signal(), makeBar(2, { open: 64_000, high: 65_100, low: 63_000, close: 63_200, chandelierLong: 63_600 }), nowAfter(2));
  t.is(signal.status, 'TP3_HIT');
  t.is(event?.type, 'signal.tp3');
});

test('a runner exit compares the close with the chandelier after trailing, and keeps the raised tp3', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 67_400, high: 67_600, low: 66_900, close: 67_000, chandelierLong: 67_200 }), nowAfter(3));
  t.is(signal.status, 'TP3_HIT');
  t.is(signal.tp3, 67_200);
  t.is(event?.type, 'signal.tp3');
});

test('a runner exit pre-empts a structural invalidation on the same bar', (t) => {
  const runner = makeTp2Signal({ invalidation: 64_000 });
  const { signal } = advanceSignal(runner, makeBar(3, { open: 64_400, high: 64_500, low: 63_600, close: 63_900, chandelierLong: 64_300 }), nowAfter(3));
  t.is(signal.status, 'TP3_HIT');
  t.is(signal.exitReason, 'TP_HIT');
});

test('TP1 pre-empts a colour flip on the same bar', (t) => {
  const { signal } = advanceSignal(makeSignal(), makeBar(1, { high: 63_600, close: 63_000, rsi: 83 }), nowAfter(1));
  t.is(signal.status, 'TP1_HIT');
});

test('a structural invalidation pre-empts a colour flip', (t) => {
  const { signal } = advanceSignal(makeSignal(), makeBar(1, { low: 60_600, close: 60_900, bearishEngulfing: true }), nowAfter(1));
  t.is(signal.exitReason, 'STRUCTURAL_INVALIDATION');
});

test('an invalidation on a bar that also raised the trail reports the invalidation, not the trail', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 68_000, high: 68_300, low: 67_600, close: 67_900, chandelierLong: 66_900, rsi: 84 }), nowAfter(3));
  t.is(signal.status, 'INVALIDATED');
  t.is(signal.tp3, 66_900);
  t.is(event?.type, 'signal.invalidated');
});
