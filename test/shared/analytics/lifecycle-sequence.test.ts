import test from 'ava';
import { lifecycleSequence } from '../../../shared/analytics/facts.js';

const BAR = '2024-03-10T00:00:00.000Z';
const NEXT = '2024-03-11T00:00:00.000Z';
const step = (type: string, barTimestamp: string) => ({ type, barTimestamp, signal: {} });

test('the steps of one bar rank in the order the lifecycle applies them; a bar gap comes before them (it carries the signal before the bar)', (t) => {
  const order = ['signal.gap', 'signal.tp1', 'signal.tp2', 'signal.trailed', 'signal.stopped'].map((type) =>
    lifecycleSequence(step(type, BAR)),
  );
  t.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
  t.is(new Set(order).size, order.length);
  t.true(lifecycleSequence(step('signal.stopped', BAR)) < lifecycleSequence(step('signal.gap', NEXT)), 'a later bar is later');
  t.is(lifecycleSequence({ type: 'signal.tp1', barTimestamp: BAR, signal: { sequence: 12 } }), 12, 'a carried sequence wins');
});
