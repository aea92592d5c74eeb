import test from 'ava';
import { isInCooldown } from '../../../functions/persist-state/cooldown.js';
import type { CooldownArgs } from '../../../functions/persist-state/cooldown.js';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import type { Signal, SignalStatus } from '../../../shared/domain/signal.js';
import { makeSignal } from './signal-factory.js';

const NOW = '2024-03-10T12:00:00.000Z';
const HOUR = 3_600_000;

function hoursAgo(hours: number): string {
  return new Date(Date.parse(NOW) - hours * HOUR).toISOString();
}

/** A closed BTC/USD signal that exited at `exitPrice`, `hours` ago. */
function exited(hours: number, exitPrice = 60_000, overrides: Partial<Signal> = {}): Signal {
  return makeSignal({ status: 'STOPPED', exitReason: 'STOP_LOSS', exitPrice, exitTime: hoursAgo(hours), openFraction: 0, ...overrides });
}

function check(pastSignals: Signal[], overrides: Partial<CooldownArgs> & { entry?: number } = {}) {
  const { entry = 62_000, ...rest } = overrides;
  return isInCooldown({
    candidate: { symbol: 'BTC/USD', pattern: 'BULLISH_ENGULFING', entry },
    pastSignals,
    now: NOW,
    scope: 'SYMBOL',
    ...rest,
  });
}

test('nothing blocks a symbol without past exits', (t) => {
  t.deepEqual(check([]), { blocked: false });
});

for (const status of ['STOPPED', 'INVALIDATED', 'TP3_HIT'] as SignalStatus[]) {
  test(`a ${status} exit 24 h ago blocks an entry 3.3 % away`, (t) => {
    const verdict = check([exited(24, 60_000, { status, signalId: 'past' })]);
    t.true(verdict.blocked);
    t.is(verdict.exit?.signalId, 'past');
    t.is(verdict.exit?.exitPrice, 60_000);
    t.true(Math.abs((verdict.exit?.distancePct ?? 0) - 10 / 3) < 1e-9);
    t.regex(verdict.reason ?? '', /BTC\/USD exited .* at 60000/);
  });
}

test('an EXPIRED signal starts no cool-down: nothing was traded', (t) => {
  t.false(check([exited(2, 62_000, { status: 'EXPIRED', exitReason: 'EXPIRED' })]).blocked);
});

test('an open signal is not an exit', (t) => {
  t.false(check([makeSignal({ status: 'TP1_HIT' })]).blocked);
});

test('an exit exactly 48 h ago still blocks; one a millisecond older does not', (t) => {
  t.true(check([exited(48)]).blocked);
  t.false(check([exited(48, 60_000, { exitTime: new Date(Date.parse(NOW) - 48 * HOUR - 1).toISOString() })]).blocked);
});

test('the window is configurable', (t) => {
  t.false(check([exited(30)], { windowHours: 24 }).blocked);
  t.true(check([exited(30)], { windowHours: 72 }).blocked);
});

test('an exit after now is not known yet and does not block', (t) => {
  t.false(check([exited(-1)]).blocked);
});

test('an entry 10 % or more above the exit escapes the cool-down', (t) => {
  t.false(check([exited(5, 60_000)], { entry: 66_000 }).blocked);
  t.true(check([exited(5, 60_000)], { entry: 65_999 }).blocked);
});

test('an entry 10 % or more below the exit escapes the cool-down', (t) => {
  const verdict = check([exited(5, 60_000)], { entry: 54_000 });
  t.false(verdict.blocked);
  t.is(verdict.exit?.exitPrice, 60_000);
  t.true(check([exited(5, 60_000)], { entry: 54_001 }).blocked);
});

test('the escape distance is configurable', (t) => {
  t.false(check([exited(5, 60_000)], { entry: 63_500, escapePct: 5 }).blocked);
  t.true(check([exited(5, 60_000)], { entry: 63_500, escapePct: 6 }).blocked);
});

test('SYMBOL scope: an exit of another pattern on the symbol blocks', (t) => {
  t.true(check([exited(5, 60_000, { pattern: 'DOUBLE_BOTTOM' })], { scope: 'SYMBOL' }).blocked);
});

test('PATTERN scope: only an exit of the same pattern on the symbol blocks', (t) => {
  t.false(check([exited(5, 60_000, { pattern: 'DOUBLE_BOTTOM' })], { scope: 'PATTERN' }).blocked);
  t.true(check([exited(5, 60_000)], { scope: 'PATTERN' }).blocked);
});

test('an exit of another symbol never blocks', (t) => {
  t.false(check([exited(5, 62_000, { symbol: 'ETH/USD' })]).blocked);
});

test('the most recent exit decides, whichever way', (t) => {
  const nearOld = exited(40, 61_000, { signalId: 'old' });
  const farNew = exited(10, 50_000, { signalId: 'new' });
  const farVerdict = check([nearOld, farNew]);
  t.false(farVerdict.blocked);
  t.is(farVerdict.exit?.signalId, 'new');
  const nearNew = exited(10, 61_000, { signalId: 'new' });
  const farOld = exited(40, 50_000, { signalId: 'old' });
  t.true(check([nearNew, farOld]).blocked);
});

test('rejects a non-positive window, a negative escape or a bad entry, naming the argument', (t) => {
  for (const [patch, argument] of [
    [{ windowHours: 0 }, 'windowHours'],
    [{ escapePct: -1 }, 'escapePct'],
    [{ entry: Number.NaN }, 'candidate.entry'],
  ] as const) {
    const error = t.throws(() => check([], patch), { instanceOf: InvalidArgumentError });
    t.is(error?.argument, argument);
  }
});
