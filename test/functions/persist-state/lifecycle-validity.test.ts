import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import type { BarSnapshot, Signal } from '../../../shared/domain/signal.js';
import { assertR, barTime, makeBar, makeSignal, nowAfter } from './signal-factory.js';

function replay(start: Signal, bars: Partial<BarSnapshot>[]): { signal: Signal; types: string[] } {
  const types: string[] = [];
  let signal = start;
  bars.forEach((patch, i) => {
    const result = advanceSignal(signal, makeBar(i + 1, patch), nowAfter(i + 1));
    signal = result.signal;
    types.push(...result.steps.map((step) => step.event.type));
  });
  return { signal, types };
}

const quiet = (n: number): Partial<BarSnapshot>[] => Array.from({ length: n }, () => ({}));

test('a signal that reaches neither TP1 nor its stop within its validity bars expires at the close of the last one', (t) => {
  const { signal, types } = replay(makeSignal({ validityBars: 5 }), [
    ...quiet(4),
    { open: 62_400, high: 62_900, low: 62_300, close: 62_750 },
  ]);
  t.is(signal.status, 'EXPIRED');
  t.is(signal.exitReason, 'EXPIRED');
  t.is(signal.exitPrice, 62_750);
  t.is(signal.barsHeld, 5);
  t.is(signal.exitTime, barTime(6), 'the exit time is the close of the fifth bar');
  assertR(t, signal.realizedR, 0.5);
  t.deepEqual(types, ['signal.expired']);
});

test('one bar fewer leaves it open', (t) => {
  const { signal } = replay(makeSignal({ validityBars: 5 }), quiet(4));
  t.is(signal.status, 'WAITING');
  t.is(signal.barsHeld, 4);
});

test('the stop or TP1 on the last valid bar wins over the time stop', (t) => {
  t.is(replay(makeSignal({ validityBars: 2 }), [{}, { low: 60_400 }]).signal.exitReason, 'STOP');
  t.is(
    replay(makeSignal({ validityBars: 2 }), [{}, { open: 62_100, high: 63_600, low: 62_050, close: 63_300 }]).signal.status,
    'TP1_HIT',
  );
});

test('a signal past TP1 never expires: the runner is managed by its stop', (t) => {
  const { signal } = replay(makeSignal({ validityBars: 2 }), [
    { open: 62_150, high: 63_600, close: 63_300, low: 62_100 },
    ...quiet(5).map(() => ({ open: 62_150, low: 62_100 })),
  ]);
  t.is(signal.status, 'TP1_HIT');
  t.is(signal.barsHeld, 6);
});

test('an ACTIVE signal counts its bars like a WAITING one: execution never changes what the signal is', (t) => {
  const { signal } = replay(makeSignal({ status: 'ACTIVE', validityBars: 1 }), [{}]);
  t.is(signal.status, 'EXPIRED');
});

test('an invalidation at the close of the last valid bar is reported as INVALIDATED, not as a time stop', (t) => {
  const { signal } = replay(makeSignal({ validityBars: 1 }), [{ low: 60_700, close: 60_800 }]);
  t.is(signal.exitReason, 'INVALIDATED');
});

test('a colour flip (RSI over 80) invalidates at the close', (t) => {
  const { signal, types } = replay(makeSignal(), [{ rsi: 81 }]);
  t.is(signal.status, 'INVALIDATED');
  t.is(signal.exitPrice, 62_300);
  t.deepEqual(types, ['signal.invalidated']);
});
