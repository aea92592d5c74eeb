import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import type { SignalStatus } from '../../../shared/domain/signal.js';
import { barTime, makeBar, makeSignal, nowAfter } from './signal-factory.js';

/** Would take TP1 if it were applied. */
const tp1Bar = makeBar(1, { open: 62_100, high: 63_700, low: 62_050, close: 63_400 });

for (const status of ['TP3_HIT', 'STOPPED', 'INVALIDATED', 'EXPIRED'] as SignalStatus[]) {
  test(`leaves a signal in ${status} untouched, even on a bar that crosses its stop`, (t) => {
    const signal = makeSignal({ status, openFraction: 0, exitPrice: 61_000, exitTime: nowAfter(0) });
    const result = advanceSignal(signal, makeBar(1, { low: 60_000, high: 66_000 }), nowAfter(1));
    t.is(result.signal, signal);
    t.deepEqual(result.steps, []);
  });
}

test('ignores the signal’s own bar', (t) => {
  const signal = makeSignal();
  const result = advanceSignal(signal, makeBar(0, { high: 63_700 }), nowAfter(1));
  t.is(result.signal, signal);
  t.deepEqual(result.steps, []);
});

test('ignores a bar older than the last one applied', (t) => {
  const signal = makeSignal({ lastBarTimestamp: barTime(3) });
  const result = advanceSignal(signal, makeBar(2, { low: 60_000 }), nowAfter(3));
  t.is(result.signal, signal);
  t.deepEqual(result.steps, []);
});

test('replaying the same bar twice applies it once', (t) => {
  const first = advanceSignal(makeSignal(), tp1Bar, nowAfter(1));
  t.is(first.signal.status, 'TP1_HIT');
  const second = advanceSignal(first.signal, tp1Bar, nowAfter(2));
  t.is(second.signal, first.signal);
  t.deepEqual(second.steps, []);
});

test('skips a signal created less than 300 s ago', (t) => {
  const signal = makeSignal({ createdAt: '2024-03-04T12:00:05.000Z' });
  const result = advanceSignal(signal, tp1Bar, '2024-03-04T12:05:04.999Z');
  t.is(result.signal, signal);
  t.deepEqual(result.steps, []);
});

test('applies a bar once 300 s have passed since creation', (t) => {
  const signal = makeSignal({ createdAt: '2024-03-04T12:00:05.000Z' });
  const result = advanceSignal(signal, tp1Bar, '2024-03-04T12:05:05.000Z');
  t.is(result.signal.status, 'TP1_HIT');
  t.deepEqual(
    result.steps.map((step) => step.event.type),
    ['signal.tp1'],
  );
});

test('a bar with no transition still records itself and the time of the update', (t) => {
  const signal = makeSignal();
  const result = advanceSignal(signal, makeBar(1), new Date(nowAfter(1)));
  t.deepEqual(result.steps, []);
  t.deepEqual(result.signal, { ...signal, lastBarTimestamp: barTime(1), barsHeld: 1, updatedAt: nowAfter(1) });
});

test('does not mutate the signal it is given', (t) => {
  const signal = Object.freeze(makeSignal());
  const snapshot = structuredClone(signal);
  advanceSignal(signal, makeBar(1, { low: 60_000 }), nowAfter(1));
  t.deepEqual(signal, snapshot);
});

test('accepts NaN indicators of a warming-up series without firing anything', (t) => {
  const bar = makeBar(1, {
    atr: Number.NaN,
    chandelierLong: Number.NaN,
    rsi: Number.NaN,
    adx: Number.NaN,
    adxPrevious: Number.NaN,
  });
  const result = advanceSignal(makeSignal(), bar, nowAfter(1));
  t.deepEqual(result.steps, []);
  t.is(result.signal.status, 'WAITING');
  t.is(result.signal.lastBarTimestamp, barTime(1));
});

const badBars: [string, Record<string, unknown>, string][] = [
  ['a NaN open', { open: Number.NaN }, 'bar.open'],
  ['an infinite high', { high: Infinity }, 'bar.high'],
  ['a NaN low', { low: Number.NaN }, 'bar.low'],
  ['a string close', { close: '62300' }, 'bar.close'],
  ['a timestamp without a zone', { timestamp: '2024-03-04 12:00:00' }, 'bar.timestamp'],
  ['an impossible date', { timestamp: '2024-02-31T12:00:00Z' }, 'bar.timestamp'],
  ['a low above the body', { low: 62_100 }, 'bar.low'],
  ['a high below the body', { high: 62_200 }, 'bar.high'],
];

for (const [title, patch, argument] of badBars) {
  test(`rejects a bar with ${title}, naming ${argument}`, (t) => {
    const bar = { ...makeBar(1), ...patch } as ReturnType<typeof makeBar>;
    const error = t.throws(() => advanceSignal(makeSignal(), bar, nowAfter(1)), { instanceOf: InvalidArgumentError });
    t.is(error?.argument, argument);
  });
}

test('rejects an invalid clock reading, naming now', (t) => {
  const error = t.throws(() => advanceSignal(makeSignal(), makeBar(1), new Date(Number.NaN)), {
    instanceOf: InvalidArgumentError,
  });
  t.is(error?.argument, 'now');
});
