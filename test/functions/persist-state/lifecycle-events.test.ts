import test from 'ava';
import { v5 as uuidv5 } from 'uuid';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { barTime, makeBar, makeSignal, makeTp1Signal, makeTp2Signal, nowAfter } from './signal-factory.js';

const SIGNAL_ID = makeSignal().signalId;
const tp1Bar = makeBar(1, { high: 63_700, close: 63_400 });

test('the same input gives the same output, event id included', (t) => {
  const first = advanceSignal(makeSignal(), tp1Bar, nowAfter(1));
  const second = advanceSignal(makeSignal(), tp1Bar, nowAfter(1));
  t.deepEqual(second, first);
  t.truthy(first.event?.eventId);
});

test('a transition’s event id is UUIDv5(DNS) of signalId|type, whatever the time of the run', (t) => {
  const early = advanceSignal(makeSignal(), tp1Bar, nowAfter(1)).event;
  const late = advanceSignal(makeSignal(), tp1Bar, nowAfter(5)).event;
  t.is(early?.eventId, uuidv5(`${SIGNAL_ID}|signal.tp1`, uuidv5.DNS));
  t.is(late?.eventId, early?.eventId);
});

test('each transition of a signal gets its own event id', (t) => {
  const ids = [
    advanceSignal(makeSignal(), tp1Bar, nowAfter(1)).event?.eventId,
    advanceSignal(makeTp1Signal(), makeBar(2, { open: 64_000, high: 65_200, low: 63_900, close: 64_900 }), nowAfter(2)).event?.eventId,
    advanceSignal(makeSignal(), makeBar(1, { low: 60_400 }), nowAfter(1)).event?.eventId,
    advanceSignal(makeSignal(), makeBar(1, { rsi: 85 }), nowAfter(1)).event?.eventId,
  ];
  t.is(new Set(ids).size, 4);
  t.false(ids.includes(undefined));
});

test('two signals crossing the same level get different event ids', (t) => {
  const other = makeSignal({ signalId: '7d1b8c52-3e0f-5a61-8f0e-2b7c9d4a6e13' });
  t.not(advanceSignal(other, tp1Bar, nowAfter(1)).event?.eventId, advanceSignal(makeSignal(), tp1Bar, nowAfter(1)).event?.eventId);
});

test('a trail event id is UUIDv5 of signalId|trailed|barTimestamp, so each raise is distinct', (t) => {
  const bar3 = makeBar(3, { open: 67_500, high: 68_400, low: 67_300, close: 68_100, chandelierLong: 66_900 });
  const first = advanceSignal(makeTp2Signal(), bar3, nowAfter(3));
  const bar4 = makeBar(4, { open: 68_100, high: 69_000, low: 67_900, close: 68_800, chandelierLong: 67_400 });
  const second = advanceSignal(first.signal, bar4, nowAfter(4));
  t.is(first.event?.eventId, uuidv5(`${SIGNAL_ID}|trailed|${barTime(3)}`, uuidv5.DNS));
  t.is(second.event?.eventId, uuidv5(`${SIGNAL_ID}|trailed|${barTime(4)}`, uuidv5.DNS));
  t.is(second.event?.previousTp3, 66_900);
  t.is(second.event?.newTp3, 67_400);
});

test('a terminal event carries the signal, the bar, the time, the new status, the exit and the result', (t) => {
  const { event } = advanceSignal(makeSignal(), makeBar(1, { low: 60_400, close: 60_700 }), new Date(nowAfter(1)));
  t.deepEqual(event, {
    eventId: uuidv5(`${SIGNAL_ID}|signal.stopped`, uuidv5.DNS),
    type: 'signal.stopped',
    signalId: SIGNAL_ID,
    symbol: 'BTC/USD',
    timeframe: '4Hour',
    barTimestamp: barTime(1),
    occurredAt: nowAfter(1),
    status: 'STOPPED',
    price: 60_500,
    realizedR: -1,
    exitReason: 'STOP_LOSS',
  });
});

test('a take-profit event has no exit reason; a trail event has no result', (t) => {
  const tp1 = advanceSignal(makeSignal(), tp1Bar, nowAfter(1)).event;
  t.false(tp1 !== null && 'exitReason' in tp1);
  t.is(tp1?.status, 'TP1_HIT');
  const trail = advanceSignal(makeTp2Signal(), makeBar(3, { open: 67_500, high: 68_400, low: 67_300, close: 68_100, chandelierLong: 66_900 }), nowAfter(3)).event;
  t.false(trail !== null && 'realizedR' in trail);
  t.is(trail?.status, 'TP2_HIT');
});
