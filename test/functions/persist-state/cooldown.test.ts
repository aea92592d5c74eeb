import test from 'ava';
import { barsBetween, isInCooldown } from '../../../functions/persist-state/cooldown.js';
import type { CooldownArgs } from '../../../functions/persist-state/cooldown.js';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import type { Signal, SignalStatus } from '../../../shared/domain/signal.js';
import { makeSignal } from './signal-factory.js';

const FOUR_HOURS = 14_400_000;
/** The candidate's 4-hour bar, and the moment it is decided (5 s after its close). */
const CANDIDATE_BAR = '2024-03-10T08:00:00.000Z';
const NOW = '2024-03-10T12:00:05.000Z';

function barsBefore(bars: number): string {
  return new Date(Date.parse(CANDIDATE_BAR) - bars * FOUR_HOURS).toISOString();
}

/** A closed BTC/USD 4-hour signal that exited at `exitPrice` on the bar `bars` before the candidate's. */
function exited(bars: number, exitPrice = 60_000, overrides: Partial<Signal> = {}): Signal {
  const lastBarTimestamp = barsBefore(bars);
  const exitTime = new Date(Date.parse(lastBarTimestamp) + FOUR_HOURS).toISOString();
  return makeSignal({
    status: 'STOPPED',
    exitReason: 'STOP',
    exitPrice,
    exitTime,
    lastBarTimestamp,
    openFraction: 0,
    ...overrides,
  });
}

function check(pastSignals: Signal[], overrides: Partial<CooldownArgs> & { entry?: number } = {}) {
  const { entry = 62_000, ...rest } = overrides;
  return isInCooldown({
    candidate: { symbol: 'BTC/USD', pattern: 'BULLISH_ENGULFING', entry, timeframe: '4Hour', barTimestamp: CANDIDATE_BAR },
    pastSignals,
    now: NOW,
    scope: 'SYMBOL',
    cooldownBars: 12,
    ...rest,
  });
}

test('nothing blocks a symbol without past exits', (t) => {
  t.deepEqual(check([]), { blocked: false });
});

for (const status of ['STOPPED', 'INVALIDATED', 'TP3_HIT'] as SignalStatus[]) {
  test(`a ${status} exit 6 bars ago blocks an entry 3.3 % away`, (t) => {
    const verdict = check([exited(6, 60_000, { status, signalId: 'past' })]);
    t.true(verdict.blocked);
    t.is(verdict.exit?.signalId, 'past');
    t.is(verdict.exit?.barsSince, 6);
    t.true(Math.abs((verdict.exit?.distancePct ?? 0) - 10 / 3) < 1e-9);
    t.regex(verdict.reason ?? '', /BTC\/USD exited .* at 60000.*6 of 12 cool-down bars/);
  });
}

test('an EXPIRED signal starts no cool-down: nothing was traded', (t) => {
  t.false(check([exited(1, 62_000, { status: 'EXPIRED', exitReason: 'EXPIRED' })]).blocked);
});

test('an open signal is not an exit', (t) => {
  t.false(check([makeSignal({ status: 'TP1_HIT' })]).blocked);
});

test('an exit exactly cooldownBars bars ago still blocks; one a bar older does not', (t) => {
  t.true(check([exited(12)]).blocked);
  t.false(check([exited(13)]).blocked);
});

test('the cool-down counts the bars the decision saw, not hours: a weekend is no bar', (t) => {
  // Daily equity bars: an exit on Friday, a candidate on Tuesday is 2 bars later (Monday, Tuesday), not 4 days.
  const friday = '2024-03-08T00:00:00.000Z';
  const tuesday = '2024-03-12T00:00:00.000Z';
  const barTimes = ['2024-03-07T00:00:00.000Z', friday, '2024-03-11T00:00:00.000Z', tuesday];
  t.is(barsBetween(friday, tuesday, '1Day', barTimes), 2);
  t.is(barsBetween(friday, tuesday, '1Day'), 4, 'without the bars, elapsed time is the estimate');
  const spyExit = makeSignal({
    symbol: 'SPY',
    timeframe: '1Day',
    status: 'STOPPED',
    exitReason: 'STOP',
    exitPrice: 500,
    lastBarTimestamp: friday,
    exitTime: '2024-03-08T21:00:00.000Z',
    openFraction: 0,
  });
  const candidate = {
    symbol: 'SPY',
    pattern: 'BULLISH_ENGULFING',
    entry: 505,
    timeframe: '1Day',
    barTimestamp: tuesday,
  } as const;
  const args = { candidate, pastSignals: [spyExit], now: '2024-03-12T21:00:00.000Z', scope: 'SYMBOL', cooldownBars: 2 } as const;
  t.true(isInCooldown({ ...args, barTimes }).blocked);
  t.false(isInCooldown(args).blocked);
});

test('the number of bars is configurable', (t) => {
  t.false(check([exited(6)], { cooldownBars: 5 }).blocked);
  t.true(check([exited(6)], { cooldownBars: 6 }).blocked);
});

test('an exit after now is not known yet and does not block', (t) => {
  t.false(check([exited(0, 60_000, { exitTime: '2024-03-10T12:00:06.000Z' })]).blocked);
});

test('an entry 10 % or more above the exit escapes the cool-down', (t) => {
  t.false(check([exited(2, 60_000)], { entry: 66_000 }).blocked);
  t.true(check([exited(2, 60_000)], { entry: 65_999 }).blocked);
});

test('an entry 10 % or more below the exit escapes the cool-down', (t) => {
  const verdict = check([exited(2, 60_000)], { entry: 54_000 });
  t.false(verdict.blocked);
  t.is(verdict.exit?.exitPrice, 60_000);
  t.true(check([exited(2, 60_000)], { entry: 54_001 }).blocked);
});

test('the escape distance is configurable', (t) => {
  t.false(check([exited(2, 60_000)], { entry: 63_500, escapePct: 5 }).blocked);
  t.true(check([exited(2, 60_000)], { entry: 63_500, escapePct: 6 }).blocked);
});

test('SYMBOL scope: an exit of another pattern on the symbol blocks', (t) => {
  t.true(check([exited(2, 60_000, { pattern: 'DOUBLE_BOTTOM' })], { scope: 'SYMBOL' }).blocked);
});

test('PATTERN scope: only an exit of the same pattern on the symbol blocks', (t) => {
  t.false(check([exited(2, 60_000, { pattern: 'DOUBLE_BOTTOM' })], { scope: 'PATTERN' }).blocked);
  t.true(check([exited(2, 60_000)], { scope: 'PATTERN' }).blocked);
});

test('an exit of another symbol never blocks', (t) => {
  t.false(check([exited(2, 62_000, { symbol: 'ETH/USD' })]).blocked);
});

test('the most recent exit decides, whichever way', (t) => {
  const nearOld = exited(10, 61_000, { signalId: 'old' });
  const farNew = exited(3, 50_000, { signalId: 'new' });
  const farVerdict = check([nearOld, farNew]);
  t.false(farVerdict.blocked);
  t.is(farVerdict.exit?.signalId, 'new');
  const nearNew = exited(3, 61_000, { signalId: 'new' });
  const farOld = exited(10, 50_000, { signalId: 'old' });
  t.true(check([nearNew, farOld]).blocked);
});

test('rejects a negative or fractional bar count, a negative escape or a bad entry, naming the argument', (t) => {
  for (const [patch, argument] of [
    [{ cooldownBars: -1 }, 'cooldownBars'],
    [{ cooldownBars: 1.5 }, 'cooldownBars'],
    [{ escapePct: -1 }, 'escapePct'],
    [{ entry: Number.NaN }, 'candidate.entry'],
  ] as const) {
    const error = t.throws(() => check([], patch), { instanceOf: InvalidArgumentError });
    t.is(error?.argument, argument);
  }
});

test('an exit on a longer timeframe counts the candidate’s bars from the exit, not from the exit bar’s open', (t) => {
  // A daily BTC/USD signal stopped on the bar of 03-10 (exit at its close, 03-11 00:00); 4-hour candidates after it.
  const dailyExit = makeSignal({
    signalId: '0d0d0d0d-0000-5000-8000-000000000001',
    timeframe: '1Day',
    status: 'STOPPED',
    exitReason: 'STOP',
    exitPrice: 60_000,
    lastBarTimestamp: '2024-03-10T00:00:00.000Z',
    exitTime: '2024-03-11T00:00:00.000Z',
    openFraction: 0,
  });
  const fourHourBarsUpTo = (last: string) =>
    Array.from({ length: 30 }, (_, i) => new Date(Date.parse(last) - (29 - i) * FOUR_HOURS).toISOString());
  const verdict = (barTimestamp: string, now: string) =>
    isInCooldown({
      candidate: { symbol: 'BTC/USD', pattern: 'MORNING_STAR', entry: 60_500, timeframe: '4Hour', barTimestamp },
      pastSignals: [dailyExit],
      now,
      scope: 'SYMBOL',
      cooldownBars: 12,
      barTimes: fourHourBarsUpTo(barTimestamp),
    });
  // The 4-hour bar of 03-10 20:00 closed with the daily bar: no bar has closed since the exit.
  t.like(verdict('2024-03-10T20:00:00.000Z', '2024-03-11T00:00:05.000Z'), { blocked: true, exit: { barsSince: 0 } });
  // The 12th 4-hour bar after the exit (03-12 20:00) still blocks; the 13th does not.
  t.like(verdict('2024-03-12T20:00:00.000Z', '2024-03-13T00:00:05.000Z'), { blocked: true, exit: { barsSince: 12 } });
  t.false(verdict('2024-03-13T00:00:00.000Z', '2024-03-13T04:00:05.000Z').blocked);
  // Without the bars, the elapsed time from the exit is the estimate.
  t.like(isInCooldown({ ...verdictArgs(dailyExit), barTimes: undefined }), { exit: { barsSince: 12 } });
});

function verdictArgs(exit: Signal): CooldownArgs {
  return {
    candidate: {
      symbol: 'BTC/USD',
      pattern: 'MORNING_STAR',
      entry: 60_500,
      timeframe: '4Hour',
      barTimestamp: '2024-03-12T20:00:00.000Z',
    },
    pastSignals: [exit],
    now: '2024-03-13T00:00:05.000Z',
    scope: 'SYMBOL',
    cooldownBars: 12,
  };
}
