import test from 'ava';
import sinon from 'sinon';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import { createThrottle } from '../../../shared/throttle/throttle.js';
import type { ThrottleOptions } from '../../../shared/throttle/throttle.js';

// Fake timers replace the process clock, so these tests run one at a time.
const serial = test.serial;
let clock: sinon.SinonFakeTimers;
serial.beforeEach(() => {
  clock = sinon.useFakeTimers();
});
serial.afterEach.always(() => clock.restore());

/** Starts `count` concurrent acquires and returns, in grant order, each caller's index and grant time. */
function burst(options: ThrottleOptions, count: number): Array<{ caller: number; at: number }> {
  const throttle = createThrottle(options);
  const grants: Array<{ caller: number; at: number }> = [];
  for (let caller = 0; caller < count; caller += 1) {
    void throttle.acquire().then(() => grants.push({ caller, at: Date.now() }));
  }
  return grants;
}

/** The largest number of grants inside any window [t, t + windowMs). */
function busiestWindow(times: number[], windowMs: number, from = -Infinity): number {
  const sorted = times.filter((time) => time >= from).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

serial('grants the first call immediately', async (t) => {
  const grants = burst({}, 1);
  await clock.tickAsync(0);
  t.deepEqual(grants, [{ caller: 0, at: 0 }]);
});

serial('spaces consecutive calls 500 ms apart by default', async (t) => {
  const throttle = createThrottle();
  await throttle.acquire();
  let second = false;
  void throttle.acquire().then(() => {
    second = true;
  });
  await clock.tickAsync(499);
  t.false(second, 'not before 500 ms');
  await clock.tickAsync(1);
  t.true(second, 'at 500 ms');
});

serial('serves a burst of 10 concurrent callers first come, first served, 500 ms apart', async (t) => {
  const grants = burst({}, 10);
  await clock.tickAsync(10_000);
  t.deepEqual(
    grants,
    Array.from({ length: 10 }, (_, caller) => ({ caller, at: caller * 500 })),
  );
});

serial(
  'without spacing grants perMinute at once, then each further one when the oldest grant leaves the 60 s window',
  async (t) => {
    const grants = burst({ minSpacingMs: 0 }, 250);
    await clock.tickAsync(0);
    t.is(grants.length, 200, 'perMinute at once');
    await clock.tickAsync(59_999);
    t.is(grants.length, 200, 'nothing more inside the first minute');
    await clock.tickAsync(1);
    t.is(grants.length, 250, 'the next 50 as the first 50 grants age out');
    t.deepEqual(
      grants.map((grant) => grant.caller),
      Array.from({ length: 250 }, (_, i) => i),
      'first come, first served',
    );
  },
);

serial('with the default options no 60 s window ever holds more than perMinute grants', async (t) => {
  const grants = burst({}, 1_000);
  await clock.tickAsync(10 * 60_000);
  t.is(grants.length, 1_000);
  t.is(
    busiestWindow(
      grants.map((grant) => grant.at),
      60_000,
    ),
    120,
    '500 ms spacing allows 120 a minute, under 200',
  );
});

serial('without spacing no 60 s window ever holds more than perMinute grants, bursts included', async (t) => {
  const grants = burst({ minSpacingMs: 0, perMinute: 50 }, 1_500);
  await clock.tickAsync(60 * 60_000);
  t.is(grants.length, 1_500);
  t.is(
    busiestWindow(
      grants.map((grant) => grant.at),
      60_000,
    ),
    50,
  );
});

serial('never busy-waits: one timer at a time while callers queue', async (t) => {
  const throttle = createThrottle();
  for (let i = 0; i < 5; i += 1) void throttle.acquire();
  await clock.tickAsync(0);
  t.is(clock.countTimers(), 1);
  t.is(throttle.pending(), 4);
});

serial('schedule runs the function after acquiring and returns its result', async (t) => {
  const throttle = createThrottle();
  await throttle.acquire();
  const result = throttle.schedule(() => Date.now());
  await clock.tickAsync(500);
  t.is(await result, 500);
  const failing = t.throwsAsync(
    throttle.schedule(() => Promise.reject(new RangeError('inner'))),
    { instanceOf: RangeError },
    'errors of the function reach the caller',
  );
  await clock.tickAsync(500);
  await failing;
});

test('rejects invalid options, naming the option', (t) => {
  for (const [name, options] of [
    ['perMinute', { perMinute: 0 }],
    ['perMinute', { perMinute: -5 }],
    ['perMinute', { perMinute: Number.POSITIVE_INFINITY }],
    ['perMinute', { perMinute: 1.5 }],
    ['minSpacingMs', { minSpacingMs: -1 }],
  ] as const) {
    const error = t.throws(() => createThrottle(options), { instanceOf: InvalidArgumentError });
    t.is(error?.argument, name);
  }
});
