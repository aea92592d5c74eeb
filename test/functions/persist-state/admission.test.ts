import test from 'ava';
import { admitCandidate, openSignal } from '../../../functions/persist-state/admission.js';
import type { AdmissionOptions } from '../../../functions/persist-state/admission.js';
import { lifecyclePolicy } from '../../../functions/persist-state/policy.js';
import type { LifecyclePolicy } from '../../../functions/persist-state/policy.js';
import type { Signal, SignalStatus } from '../../../shared/domain/signal.js';
import { barTime, makeCandidate, makeSignal, SIGNAL_BAR } from './signal-factory.js';

const NOW = '2024-03-10T12:00:05.000Z';
const options: AdmissionOptions = { now: NOW };
const candidate = makeCandidate({ signalId: 'b5d7c0e2-1f4a-5c38-9e62-7a0d3b8f1c45', createdAt: NOW });

/** An earlier BTC/USD 4-hour signal, stopped at 60 500 on the bar 3 bars before the candidate's. */
function stoppedEarlier(overrides: Partial<Signal> = {}): Signal {
  return makeSignal({
    status: 'STOPPED',
    exitReason: 'STOP',
    exitPrice: 60_500,
    lastBarTimestamp: '2024-03-03T20:00:00.000Z',
    exitTime: '2024-03-04T00:00:05.000Z',
    openFraction: 0,
    realizedR: -1,
    ...overrides,
  });
}

test('admits a candidate with no history', (t) => {
  t.deepEqual(admitCandidate(candidate, [], options), { admitted: true });
});

test('rejects a candidate whose id is already stored as DUPLICATE, before any other check', (t) => {
  const stored = makeSignal({ signalId: candidate.signalId, status: 'TP1_HIT' });
  const verdict = admitCandidate(candidate, [stored], options);
  t.like(verdict, { admitted: false, reason: 'DUPLICATE' });
  t.regex(verdict.admitted ? '' : verdict.detail, new RegExp(candidate.signalId));
});

for (const status of ['WAITING', 'ACTIVE', 'TP1_HIT', 'TP2_HIT'] as SignalStatus[]) {
  test(`rejects pyramiding onto a ${status} signal of the same symbol and timeframe`, (t) => {
    const open = makeSignal({ status });
    const verdict = admitCandidate(candidate, [open], options);
    t.like(verdict, { admitted: false, reason: 'PYRAMIDING' });
    t.regex(verdict.admitted ? '' : verdict.detail, new RegExp(`${open.signalId}.*${status}`));
  });
}

test('an open signal on another symbol is not pyramiding', (t) => {
  t.deepEqual(admitCandidate(candidate, [makeSignal({ signalId: 'b', symbol: 'ETH/USD' })], options), { admitted: true });
});

test('one open signal per symbol across timeframes by default, per timeframe with the TIMEFRAME scope', (t) => {
  const daily = makeSignal({ signalId: 'a', timeframe: '1Day' });
  t.like(admitCandidate(candidate, [daily], options), { admitted: false, reason: 'PYRAMIDING' });
  const perTimeframe = { ...options, policy: lifecyclePolicy({ openSignalScope: 'TIMEFRAME' }) };
  t.deepEqual(admitCandidate(candidate, [daily], perTimeframe), { admitted: true });
});

test('pyramiding is reported before a cool-down', (t) => {
  const verdict = admitCandidate(candidate, [stoppedEarlier({ signalId: 'old' }), makeSignal({ signalId: 'open' })], options);
  t.like(verdict, { admitted: false, reason: 'PYRAMIDING' });
});

test('rejects a candidate near a recent exit of the symbol as COOLDOWN', (t) => {
  const verdict = admitCandidate(candidate, [stoppedEarlier()], options);
  t.like(verdict, { admitted: false, reason: 'COOLDOWN' });
  t.regex(verdict.admitted ? '' : verdict.detail, /STOPPED at 60500/);
});

test('passes the cool-down scope and limits through', (t) => {
  const otherPattern = stoppedEarlier({ pattern: 'MORNING_STAR' });
  t.like(admitCandidate(candidate, [otherPattern], options), { admitted: false, reason: 'COOLDOWN' });
  const policy = (overrides: Partial<LifecyclePolicy>) => ({ ...options, policy: lifecyclePolicy(overrides) });
  t.deepEqual(admitCandidate(candidate, [otherPattern], policy({ cooldownScope: 'PATTERN' })), { admitted: true });
  t.deepEqual(admitCandidate(candidate, [stoppedEarlier()], policy({ cooldownBars: { '1Day': 2, '4Hour': 2, '1Hour': 48 } })), {
    admitted: true,
  });
  t.deepEqual(admitCandidate(candidate, [stoppedEarlier()], policy({ cooldownEscapePct: 2 })), { admitted: true });
});

test('openSignal stores the candidate WAITING at its levels, nothing taken and nothing exited', (t) => {
  const signal = openSignal(makeCandidate(), new Date('2024-03-04T12:00:07Z'));
  t.deepEqual(signal, {
    ...makeCandidate(),
    validUntil: barTime(13),
    status: 'WAITING',
    rulesVersion: 2,
    currentStop: 60_500,
    lastBarTimestamp: SIGNAL_BAR,
    openFraction: 1,
    barsHeld: 0,
    validityBars: 12,
    tp1Reached: false,
    realizedR: 0,
    realizedRNet: -(62_000 * 0.0025) / 1500,
    costs: { feePctPerSide: 0.25, slippageBps: 0 },
    exitReason: null,
    exitPrice: null,
    exitTime: null,
    updatedAt: '2024-03-04T12:00:07.000Z',
  });
});

test('a signal that exited after `now` still counts as open then: a replay of the past decides as the first run did', (t) => {
  const exitedLater = makeSignal({
    status: 'STOPPED',
    exitReason: 'STOP',
    exitPrice: 60_500,
    exitTime: '2024-03-12T00:00:05.000Z',
  });
  t.like(admitCandidate(candidate, [exitedLater], options), { admitted: false, reason: 'PYRAMIDING' });
});

test('a signal created after `now` does not block a candidate at `now`', (t) => {
  const later = makeSignal({ signalId: 'later', createdAt: '2024-03-11T00:00:05.000Z' });
  t.deepEqual(admitCandidate(candidate, [later], options), { admitted: true });
});

test("openSignal records the policy: validity in bars, the asset class's costs, the entry's cost in R net", (t) => {
  const policy = lifecyclePolicy({
    validityBars: { '1Day': 5, '4Hour': 3, '1Hour': 24 },
    costs: { CRYPTO: { feePctPerSide: 0.1, slippageBps: 5 }, EQUITY: { feePctPerSide: 0, slippageBps: 0 } },
  });
  const signal = openSignal(makeCandidate(), NOW, policy);
  t.is(signal.validityBars, 3);
  t.is(signal.validUntil, barTime(4));
  t.deepEqual(signal.costs, { feePctPerSide: 0.1, slippageBps: 5 });
  t.true(Math.abs(signal.realizedRNet + (62_000 * 0.0015) / 1500) < 1e-12);
});

test("an equity daily signal's validity is estimated on weekdays", (t) => {
  const friday = makeCandidate({
    assetClass: 'EQUITY',
    symbol: 'SPY',
    timeframe: '1Day',
    barTimestamp: '2024-03-08T00:00:00.000Z',
    barCloseTime: '2024-03-09T00:00:00.000Z',
  });
  t.is(openSignal(friday, NOW).validUntil, '2024-03-15T00:00:00.000Z');
  t.is(openSignal(friday, NOW).realizedRNet, 0, 'no fee on equities by default');
});
