import test from 'ava';
import { admitCandidate, openSignal } from '../../../functions/persist-state/admission.js';
import type { AdmissionOptions } from '../../../functions/persist-state/admission.js';
import type { Signal, SignalStatus } from '../../../shared/domain/signal.js';
import { makeCandidate, makeSignal, SIGNAL_BAR } from './signal-factory.js';

const NOW = '2024-03-10T12:00:05.000Z';
const options: AdmissionOptions = { now: NOW, cooldownScope: 'SYMBOL' };
const candidate = makeCandidate({ signalId: 'b5d7c0e2-1f4a-5c38-9e62-7a0d3b8f1c45', createdAt: NOW });

/** An earlier BTC/USD 4-hour signal, stopped 12 h before NOW at 60 500. */
function stoppedEarlier(overrides: Partial<Signal> = {}): Signal {
  return makeSignal({ status: 'STOPPED', exitReason: 'STOP_LOSS', exitPrice: 60_500, exitTime: '2024-03-10T00:00:05.000Z', openFraction: 0, realizedR: -1, ...overrides });
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

test('an open signal on another timeframe or symbol is not pyramiding', (t) => {
  const others = [makeSignal({ signalId: 'a', timeframe: '1Day' }), makeSignal({ signalId: 'b', symbol: 'ETH/USD' })];
  t.deepEqual(admitCandidate(candidate, others, options), { admitted: true });
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
  t.deepEqual(admitCandidate(candidate, [otherPattern], { ...options, cooldownScope: 'PATTERN' }), { admitted: true });
  t.deepEqual(admitCandidate(candidate, [stoppedEarlier()], { ...options, windowHours: 6 }), { admitted: true });
  t.deepEqual(admitCandidate(candidate, [stoppedEarlier()], { ...options, escapePct: 2 }), { admitted: true });
});

test('openSignal stores the candidate WAITING at its levels, nothing taken and nothing exited', (t) => {
  const signal = openSignal(makeCandidate(), new Date('2024-03-04T12:00:07Z'));
  t.deepEqual(signal, {
    ...makeCandidate(),
    status: 'WAITING',
    currentStop: 60_500,
    lastBarTimestamp: SIGNAL_BAR,
    openFraction: 1,
    realizedR: 0,
    exitReason: null,
    exitPrice: null,
    exitTime: null,
    updatedAt: '2024-03-04T12:00:07.000Z',
  });
});

test('a signal that exited after `now` still counts as open then: a replay of the past decides as the first run did', (t) => {
  const exitedLater = makeSignal({ status: 'STOPPED', exitReason: 'STOP_LOSS', exitPrice: 60_500, exitTime: '2024-03-12T00:00:05.000Z' });
  t.like(admitCandidate(candidate, [exitedLater], options), { admitted: false, reason: 'PYRAMIDING' });
});

test('a signal created after `now` does not block a candidate at `now`', (t) => {
  const later = makeSignal({ signalId: 'later', createdAt: '2024-03-11T00:00:05.000Z' });
  t.deepEqual(admitCandidate(candidate, [later], options), { admitted: true });
});
