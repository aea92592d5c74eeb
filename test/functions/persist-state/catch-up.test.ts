import test from 'ava';
import { catchUp } from '../../../functions/persist-state/catch-up.js';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import type { BarSnapshot, Signal } from '../../../shared/domain/signal.js';
import { barTime, makeBar, makeSignal, nowAfter } from './signal-factory.js';

// Bars 1..6 after the signal bar: quiet, quiet, TP1 (clean), quiet, the trail, then the stop at the trail.
const bars: BarSnapshot[] = [
  makeBar(0),
  makeBar(1),
  makeBar(2),
  makeBar(3, { open: 62_400, high: 63_700, low: 62_300, close: 63_600 }),
  makeBar(4, { open: 63_600, high: 64_200, low: 63_200, close: 64_000, chandelierLong: 62_800 }),
  makeBar(5, { open: 64_000, high: 64_100, low: 62_500, close: 62_900, chandelierLong: 62_900 }),
];

const types = (steps: readonly { event: { type: string } }[]) => steps.map((step) => step.event.type);

/** The same bars applied one analysis at a time, as a scan per bar would. */
function oneByOne(signal: Signal, upTo: number): Signal {
  let current = signal;
  for (let k = 1; k <= upTo; k++) current = advanceSignal(current, bars[k], nowAfter(k)).signal;
  return current;
}

test('applies, in order, every bar after the last applied one that the window holds', (t) => {
  const result = catchUp(makeSignal(), bars, new Date(nowAfter(5)), true);
  t.deepEqual(types(result.steps), ['signal.tp1', 'signal.trailed', 'signal.stopped']);
  t.is(result.signal.exitReason, 'TRAIL_STOP');
  t.is(result.signal.exitPrice, 62_800);
  t.is(result.signal.lastBarTimestamp, barTime(5));
  t.is(result.signal.barsHeld, 5);
  t.is(result.gap, null);
  t.is(result.steps[0].event.barTimestamp, barTime(3), 'each event names the bar it happened on');
  t.is(result.signal.exitTime, barTime(6), 'the exit time is the close of the stop bar, not the time of the catch-up');
});

test('catching up five bars at once ends exactly where five analyses of one bar each end, except the update time', (t) => {
  const caughtUp = catchUp(makeSignal(), bars, new Date(nowAfter(5)), true).signal;
  t.deepEqual(caughtUp, { ...oneByOne(makeSignal(), 5), updatedAt: caughtUp.updatedAt });
});

test('bars already applied are skipped; nothing new gives no step and the same signal', (t) => {
  const applied = oneByOne(makeSignal(), 2);
  const result = catchUp(applied, bars.slice(0, 3), new Date(nowAfter(2)), true);
  t.is(result.signal, applied);
  t.deepEqual(result.steps, []);
});

test('a window that does not reach back to the last applied bar reports a signal.gap first, then applies what it holds', (t) => {
  const result = catchUp(makeSignal(), bars.slice(3), new Date(nowAfter(5)), true);
  t.deepEqual(types(result.steps), ['signal.gap', 'signal.tp1', 'signal.trailed', 'signal.stopped']);
  t.deepEqual(result.gap, { signalId: makeSignal().signalId, from: barTime(0), to: barTime(3) });
  t.like(result.steps[0].event, { type: 'signal.gap', gapFrom: barTime(0), gapTo: barTime(3), status: 'WAITING', price: 62_400 });
  t.is(result.signal.barsHeld, 3, 'only the bars seen count');
});

test('a window that starts at the bar right after the last applied one has no gap: nothing was missed', (t) => {
  const result = catchUp(makeSignal(), bars.slice(1), new Date(nowAfter(5)), true);
  t.is(result.gap, null);
  t.deepEqual(result.signal, catchUp(makeSignal(), bars, new Date(nowAfter(5)), true).signal);
  t.deepEqual(types(catchUp(makeSignal(), bars.slice(2), new Date(nowAfter(5)), true).steps)[0], 'signal.gap', 'one bar missed');
});

test('an equity daily window: a weekend or a holiday between is not a gap, a missed session is', (t) => {
  const daily = (timestamp: string) => ({ ...makeBar(0), timestamp });
  const spy = (lastBarTimestamp: string) =>
    makeSignal({ symbol: 'SPY', assetClass: 'EQUITY', timeframe: '1Day', barTimestamp: lastBarTimestamp, lastBarTimestamp });
  const now = new Date('2024-04-02T00:00:00Z');
  // Thursday 2024-03-28, then Good Friday (closed) and the weekend: Monday's bar is the next one.
  t.is(catchUp(spy('2024-03-28T04:00:00Z'), [daily('2024-04-01T04:00:00Z')], now, true).gap, null);
  t.is(catchUp(spy('2024-03-22T04:00:00Z'), [daily('2024-03-25T04:00:00Z')], now, true).gap, null, 'a weekend');
  t.like(
    catchUp(spy('2024-03-21T04:00:00Z'), [daily('2024-03-25T04:00:00Z')], now, true).gap,
    { from: '2024-03-21T04:00:00Z', to: '2024-03-25T04:00:00Z' },
    'Friday 2024-03-22 traded and is missing',
  );
  const hourly = makeSignal({
    symbol: 'SPY',
    assetClass: 'EQUITY',
    timeframe: '1Hour',
    lastBarTimestamp: '2024-03-28T19:00:00Z',
  });
  t.not(catchUp(hourly, [daily('2024-04-01T13:00:00Z')], now, true).gap, null, 'equity intraday bars are not judged');
});

test('a version-1 analysis (one snapshot, not a window) is applied as before, without a gap', (t) => {
  const { closesAt: _closesAt, ...v1Bar } = bars[3];
  const result = catchUp(makeSignal(), [v1Bar], new Date(nowAfter(3)), false);
  t.deepEqual(types(result.steps), ['signal.tp1']);
  t.is(result.gap, null);
});
