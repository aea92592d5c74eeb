import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import type { BarSnapshot, Signal } from '../../../shared/domain/signal.js';
import { assertR, makeBar, makeSignal, nowAfter } from './signal-factory.js';

/** Applies bars 1, 2, … in order, as the replay does. */
function replay(bars: Partial<BarSnapshot>[]): Signal {
  return bars.reduce((signal, patch, i) => advanceSignal(signal, makeBar(i + 1, patch), nowAfter(i + 1)).signal, makeSignal());
}

const toTp1: Partial<BarSnapshot> = { high: 63_700, close: 63_400 };
const toTp2: Partial<BarSnapshot> = { open: 64_000, high: 65_200, low: 63_900, close: 64_900 };

test('TP1, TP2, then the stop at TP1: 0.5 + 0.5 + 0.25 = 1.25 R', (t) => {
  const signal = replay([toTp1, toTp2, { open: 64_200, high: 64_300, low: 63_400, close: 63_700 }]);
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitPrice, 63_500);
  t.is(signal.openFraction, 0);
  assertR(t, signal.realizedR, 1.25);
});

test('TP1, TP2, a trail, then the runner exit under the chandelier', (t) => {
  const signal = replay([
    toTp1,
    toTp2,
    { open: 67_500, high: 68_400, low: 67_300, close: 68_100, chandelierLong: 66_900 },
    { open: 67_900, high: 68_000, low: 66_600, close: 66_700, chandelierLong: 66_950 },
  ]);
  t.is(signal.status, 'TP3_HIT');
  t.is(signal.tp3, 66_950);
  t.is(signal.exitPrice, 66_700);
  assertR(t, signal.realizedR, 1 + 0.25 * (4700 / 1500));
});

test('TP1 then a colour flip: 0.5 R plus half the position at the close', (t) => {
  const signal = replay([toTp1, { open: 63_300, high: 63_400, low: 62_700, close: 62_900, bearishEngulfing: true }]);
  t.is(signal.status, 'INVALIDATED');
  assertR(t, signal.realizedR, 0.5 + 0.5 * (900 / 1500));
});

test('a structural invalidation before any target: the whole position at the close', (t) => {
  const signal = replay([{}, { open: 62_200, high: 62_250, low: 60_700, close: 60_800 }]);
  t.is(signal.status, 'INVALIDATED');
  assertR(t, signal.realizedR, -0.8);
});

test('risk is measured from the original stop, not the breakeven stop in force', (t) => {
  const signal = replay([toTp1, { open: 63_000, high: 63_100, low: 61_950, close: 62_100 }]);
  t.is(signal.currentStop, 62_000);
  t.is(signal.stop, 60_500);
  assertR(t, signal.realizedR, 0.5);
});

test('an expired signal is marked out at the open of the first bar past validity', (t) => {
  const quiet = Array.from({ length: 6 }, () => ({}));
  const signal = replay([...quiet, { open: 62_600, high: 62_900, low: 62_400, close: 62_800 }]);
  t.is(signal.status, 'EXPIRED');
  assertR(t, signal.realizedR, 0.4);
});

test('a signal without risk (stop not below entry) cannot be booked and names signal.stop', (t) => {
  const broken = makeSignal({ stop: 62_000, currentStop: 62_000 });
  const error = t.throws(() => advanceSignal(broken, makeBar(1, { low: 61_900 }), nowAfter(1)));
  t.is((error as { argument?: string } | undefined)?.argument, 'signal.stop');
});
