import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { assertR, makeBar, makeSignal, makeTp1Signal, makeTp2Signal, nowAfter } from './signal-factory.js';

test('takes TP1 at its level: half the position, +0.5 R, stop to breakeven', (t) => {
  const { signal, event } = advanceSignal(makeSignal(), makeBar(1, { high: 63_700, close: 63_400 }), nowAfter(1));
  t.is(signal.status, 'TP1_HIT');
  t.is(signal.currentStop, 62_000);
  t.is(signal.openFraction, 0.5);
  assertR(t, signal.realizedR, 0.5);
  t.is(signal.exitPrice, null);
  t.is(signal.exitTime, null);
  t.is(event?.type, 'signal.tp1');
  t.is(event?.price, 63_500);
});

test('takes TP1 from ACTIVE too', (t) => {
  const { signal } = advanceSignal(makeSignal({ status: 'ACTIVE' }), makeBar(1, { high: 63_500, close: 63_200 }), nowAfter(1));
  t.is(signal.status, 'TP1_HIT');
});

test('a gap above TP1 fills at the open, the better price', (t) => {
  const { signal, event } = advanceSignal(makeSignal(), makeBar(1, { open: 64_100, high: 64_400, low: 63_800, close: 64_000 }), nowAfter(1));
  t.is(event?.price, 64_100);
  assertR(t, signal.realizedR, 0.5 * (2100 / 1500));
});

test('the breakeven stop set at TP1 is enforced on a later bar: exit at entry, +0.5 R in all', (t) => {
  const afterTp1 = advanceSignal(makeSignal(), makeBar(1, { high: 63_700, close: 63_400 }), nowAfter(1)).signal;
  const { signal, event } = advanceSignal(afterTp1, makeBar(2, { open: 63_000, high: 63_100, low: 61_950, close: 62_100 }), nowAfter(2));
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitPrice, 62_000);
  t.is(signal.openFraction, 0);
  assertR(t, signal.realizedR, 0.5);
  t.is(event?.realizedR, signal.realizedR);
});

test('takes TP2 from TP1_HIT: a quarter more at +2 R, stop to TP1', (t) => {
  const { signal, event } = advanceSignal(makeTp1Signal(), makeBar(2, { open: 64_000, high: 65_200, low: 63_900, close: 64_900 }), nowAfter(2));
  t.is(signal.status, 'TP2_HIT');
  t.is(signal.currentStop, 63_500);
  t.is(signal.openFraction, 0.25);
  assertR(t, signal.realizedR, 1);
  t.is(event?.type, 'signal.tp2');
  t.is(event?.price, 65_000);
});

test('a gap above TP2 fills at the open', (t) => {
  const { signal, event } = advanceSignal(makeTp1Signal(), makeBar(2, { open: 65_600, high: 65_900, low: 65_300, close: 65_700 }), nowAfter(2));
  t.is(event?.price, 65_600);
  assertR(t, signal.realizedR, 0.5 + 0.25 * (3600 / 1500));
});

test('TP2 does not fire again once taken', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 65_100, high: 65_800, low: 64_900, close: 65_400 }), nowAfter(3));
  t.is(signal.status, 'TP2_HIT');
  t.is(event, null);
});

test('raises tp3 to a chandelier above it and reports the trail', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 67_500, high: 68_400, low: 67_300, close: 68_100, chandelierLong: 66_900 }), nowAfter(3));
  t.is(signal.status, 'TP2_HIT');
  t.is(signal.tp3, 66_900);
  t.is(event?.type, 'signal.trailed');
  t.is(event?.previousTp3, 66_500);
  t.is(event?.newTp3, 66_900);
  t.is(event?.price, 66_900);
});

test('the trail never moves down', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal({ tp3: 66_900 }), makeBar(3, { open: 67_500, high: 67_900, low: 67_000, close: 67_200, chandelierLong: 66_700 }), nowAfter(3));
  t.is(signal.tp3, 66_900);
  t.is(event, null);
});

test('a NaN chandelier neither trails nor exits the runner', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 64_000, high: 64_300, low: 63_800, close: 64_100, chandelierLong: Number.NaN }), nowAfter(3));
  t.is(signal.status, 'TP2_HIT');
  t.is(signal.tp3, 66_500);
  t.is(event, null);
});

for (const status of ['WAITING', 'ACTIVE'] as const) {
  test(`does not trail or exit on the chandelier while ${status}`, (t) => {
    const { signal, event } = advanceSignal(makeSignal({ status }), makeBar(1, { chandelierLong: 67_000 }), nowAfter(1));
    t.is(signal.tp3, 66_500);
    t.is(signal.status, status);
    t.is(event, null);
  });
}

test('exits the runner above entry on a close under the chandelier: TP3_HIT at the close', (t) => {
  const { signal, event } = advanceSignal(makeTp2Signal(), makeBar(3, { open: 65_000, high: 65_100, low: 64_200, close: 64_500, chandelierLong: 64_800 }), nowAfter(3));
  t.is(signal.status, 'TP3_HIT');
  t.is(signal.exitReason, 'TP_HIT');
  t.is(signal.exitPrice, 64_500);
  t.is(signal.openFraction, 0);
  assertR(t, signal.realizedR, 1 + 0.25 * (2500 / 1500));
  t.is(event?.type, 'signal.tp3');
});

test('exits the runner at or below entry as STOPPED when the stop in force is lower', (t) => {
  const tp1 = makeTp1Signal({ currentStop: 60_500 });
  const { signal, event } = advanceSignal(tp1, makeBar(2, { open: 62_300, high: 62_400, low: 61_800, close: 61_900, chandelierLong: 62_400 }), nowAfter(2));
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitReason, 'STOP_LOSS');
  t.is(signal.exitPrice, 61_900);
  assertR(t, signal.realizedR, 0.5 - 0.5 * (100 / 1500));
  t.is(event?.type, 'signal.stopped');
});

test('a runner exit exactly at entry counts as STOPPED, not as a take-profit', (t) => {
  const tp1 = makeTp1Signal({ currentStop: 60_500 });
  const { signal } = advanceSignal(tp1, makeBar(2, { open: 62_300, high: 62_400, low: 61_800, close: 62_000, chandelierLong: 62_400 }), nowAfter(2));
  t.is(signal.status, 'STOPPED');
  assertR(t, signal.realizedR, 0.5);
});
