import test from 'ava';
import { openSignal } from '../../../functions/persist-state/admission.js';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { lifecyclePolicy } from '../../../functions/persist-state/policy.js';
import { assertR, makeBar, makeCandidate, nowAfter } from './signal-factory.js';

// Entry 62 000, stop 60 500: 1 R = 1 500. A 0.25 % fee per side costs 155 on the entry = 0.10333 R.
const policy = lifecyclePolicy({
  costs: { CRYPTO: { feePctPerSide: 0.25, slippageBps: 10 }, EQUITY: { feePctPerSide: 0, slippageBps: 0 } },
});
const side = 0.0025 + 0.001;

test('R net pays the fee and slippage on the entry and on every fill; R gross does not', (t) => {
  const open = openSignal(makeCandidate(), nowAfter(0), policy);
  assertR(t, open.realizedRNet, -(62_000 * side) / 1500);
  const tp1 = advanceSignal(open, makeBar(1, { open: 62_100, high: 63_700, low: 62_050, close: 63_400 }), nowAfter(1)).signal;
  assertR(t, tp1.realizedR, 0.5);
  assertR(t, tp1.realizedRNet, 0.5 - (62_000 * side + 0.5 * 63_500 * side) / 1500);
  const stopped = advanceSignal(tp1, makeBar(2, { open: 62_500, high: 62_600, low: 61_900, close: 62_100 }), nowAfter(2)).signal;
  t.is(stopped.exitReason, 'BREAKEVEN_STOP');
  assertR(t, stopped.realizedR, 0.5);
  assertR(t, stopped.realizedRNet, 0.5 - (62_000 * side + 0.5 * 63_500 * side + 0.5 * 62_000 * side) / 1500);
});

test('a full stop costs more than 1 R net', (t) => {
  const stopped = advanceSignal(
    openSignal(makeCandidate(), nowAfter(0), policy),
    makeBar(1, { low: 60_400 }),
    nowAfter(1),
  ).signal;
  assertR(t, stopped.realizedR, -1);
  assertR(t, stopped.realizedRNet, -1 - ((62_000 + 60_500) * side) / 1500);
});

test('a signal without risk (stop not below entry) cannot be booked and names signal.stop', (t) => {
  const broken = { ...openSignal(makeCandidate(), nowAfter(0)), stop: 62_000, currentStop: 62_000 };
  const error = t.throws(() => advanceSignal(broken, makeBar(1, { low: 61_900 }), nowAfter(1)));
  t.is((error as { argument?: string } | undefined)?.argument, 'signal.stop');
});
