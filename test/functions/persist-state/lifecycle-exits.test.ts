import test from 'ava';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { assertR, barTime, makeBar, makeSignal, makeTp1Signal, nowAfter } from './signal-factory.js';

const VALID_UNTIL = barTime(7);

test('expires a WAITING signal on the bar that opens exactly at validUntil, at that bar’s open', (t) => {
  const { signal, event } = advanceSignal(makeSignal({ lastBarTimestamp: barTime(6) }), makeBar(7, { open: 61_900 }), nowAfter(7));
  t.is(signal.status, 'EXPIRED');
  t.is(signal.exitReason, 'EXPIRED');
  t.is(signal.exitPrice, 61_900);
  t.is(signal.exitTime, nowAfter(7));
  t.is(signal.openFraction, 0);
  assertR(t, signal.realizedR, -100 / 1500);
  t.is(event?.type, 'signal.expired');
  t.is(event?.price, 61_900);
});

test('does not expire on a bar that opens one millisecond before validUntil', (t) => {
  const bar = makeBar(7, { timestamp: new Date(Date.parse(VALID_UNTIL) - 1).toISOString() });
  const { signal, event } = advanceSignal(makeSignal({ lastBarTimestamp: barTime(6) }), bar, nowAfter(7));
  t.is(signal.status, 'WAITING');
  t.is(event, null);
});

test('never expires an ACTIVE signal: an order has filled', (t) => {
  const { signal, event } = advanceSignal(makeSignal({ status: 'ACTIVE', lastBarTimestamp: barTime(8) }), makeBar(9), nowAfter(9));
  t.is(signal.status, 'ACTIVE');
  t.is(event, null);
});

test('stops a signal whose low touches the stop, at the stop: −1 R', (t) => {
  const { signal, event } = advanceSignal(makeSignal(), makeBar(1, { low: 60_500, close: 60_800 }), nowAfter(1));
  t.is(signal.status, 'STOPPED');
  t.is(signal.exitReason, 'STOP_LOSS');
  t.is(signal.exitPrice, 60_500);
  t.is(signal.exitTime, nowAfter(1));
  assertR(t, signal.realizedR, -1);
  t.is(event?.type, 'signal.stopped');
  t.is(event?.exitReason, 'STOP_LOSS');
});

test('a gap below the stop fills at the open, for more than −1 R', (t) => {
  const { signal } = advanceSignal(makeSignal(), makeBar(1, { open: 60_200, high: 60_400, low: 59_700, close: 60_000 }), nowAfter(1));
  t.is(signal.exitPrice, 60_200);
  assertR(t, signal.realizedR, -1.2);
});

test('stops an ACTIVE signal too', (t) => {
  const { signal } = advanceSignal(makeSignal({ status: 'ACTIVE' }), makeBar(1, { low: 60_450, close: 60_900 }), nowAfter(1));
  t.is(signal.status, 'STOPPED');
});

test('a low one tick above the stop does not stop', (t) => {
  const { signal } = advanceSignal(makeSignal(), makeBar(1, { low: 60_501, close: 61_500 }), nowAfter(1));
  t.is(signal.status, 'WAITING');
});

test('invalidates structurally on a close below the invalidation price, at the close', (t) => {
  const { signal, event } = advanceSignal(makeSignal(), makeBar(1, { low: 60_600, close: 60_900 }), nowAfter(1));
  t.is(signal.status, 'INVALIDATED');
  t.is(signal.exitReason, 'STRUCTURAL_INVALIDATION');
  t.is(signal.exitPrice, 60_900);
  assertR(t, signal.realizedR, -1100 / 1500);
  t.is(event?.type, 'signal.invalidated');
  t.is(event?.exitReason, 'STRUCTURAL_INVALIDATION');
});

test('a close exactly at the invalidation price does not invalidate', (t) => {
  const { signal } = advanceSignal(makeSignal(), makeBar(1, { low: 60_600, close: 61_000 }), nowAfter(1));
  t.is(signal.status, 'WAITING');
});

test('without an invalidation price, a close below the old level does not invalidate', (t) => {
  const { signal } = advanceSignal(makeSignal({ invalidation: null }), makeBar(1, { low: 60_600, close: 60_900 }), nowAfter(1));
  t.is(signal.status, 'WAITING');
});

const flips: [string, Parameters<typeof makeBar>[1]][] = [
  ['a bearish engulfing bar', { bearishEngulfing: true }],
  ['RSI above 80', { rsi: 80.5 }],
  ['ADX above 50 and falling', { adx: 52, adxPrevious: 54 }],
];

for (const [title, patch] of flips) {
  test(`invalidates on a colour flip: ${title}`, (t) => {
    const { signal, event } = advanceSignal(makeSignal(), makeBar(1, patch), nowAfter(1));
    t.is(signal.status, 'INVALIDATED');
    t.is(signal.exitReason, 'COLOR_FLIP');
    t.is(signal.exitPrice, 62_300);
    t.is(event?.exitReason, 'COLOR_FLIP');
  });
}

const calm: [string, Parameters<typeof makeBar>[1]][] = [
  ['RSI of exactly 80', { rsi: 80 }],
  ['ADX above 50 but rising', { adx: 54, adxPrevious: 52 }],
  ['ADX falling but at 50', { adx: 50, adxPrevious: 55 }],
  ['NaN RSI', { rsi: Number.NaN }],
  ['NaN ADX with a previous ADX above it', { adx: Number.NaN, adxPrevious: 60 }],
  ['ADX above 50 with a NaN previous ADX', { adx: 55, adxPrevious: Number.NaN }],
];

for (const [title, patch] of calm) {
  test(`no colour flip on ${title}`, (t) => {
    const { signal, event } = advanceSignal(makeSignal(), makeBar(1, patch), nowAfter(1));
    t.is(signal.status, 'WAITING');
    t.is(event, null);
  });
}

test('a colour flip after TP1 closes the runner at the close, keeping the TP1 gain', (t) => {
  const { signal } = advanceSignal(makeTp1Signal(), makeBar(2, { open: 63_000, high: 63_400, low: 62_400, close: 62_600, bearishEngulfing: true }), nowAfter(2));
  t.is(signal.status, 'INVALIDATED');
  t.is(signal.exitReason, 'COLOR_FLIP');
  assertR(t, signal.realizedR, 0.5 + 0.5 * (600 / 1500));
});
