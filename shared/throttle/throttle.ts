import { InvalidArgumentError } from '../errors/errors.js';

/** The two things the throttle needs from time; tests pass sinon's fake clock through the default one. */
export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

const WINDOW_MS = 60_000;

/** Defaults fit Alpaca: 200 a minute, 0.5 s apart. */
export interface ThrottleOptions {
  /** Most grants in any 60 s window (Alpaca allows 200 requests/min per key). */
  perMinute?: number;
  /** Least time between two consecutive grants (the reference's `RATE_LIMIT_DELAY`, 0.5 s). */
  minSpacingMs?: number;
  clock?: ThrottleClock;
}

/** A process-wide gate in front of a rate-limited API. */
export interface Throttle {
  /** Resolves when the caller may send one request; callers are served first come, first served. */
  acquire(): Promise<void>;
  /** Acquires, then runs `fn` and returns its result. */
  schedule<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Callers still waiting. */
  pending(): number;
}

// Resolved at call time, so sinon fake timers installed after this module loaded still drive it.
const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

/**
 * At most `perMinute` grants in any 60 s window (a sliding window over the last `perMinute` grant times, so the
 * limit holds exactly, bursts included), and at least `minSpacingMs` between two grants. Keeps every Alpaca call
 * of an instance under the account's rate limit without busy-waiting; callers are served first come, first served.
 */
export function createThrottle(options: ThrottleOptions = {}): Throttle {
  const { perMinute = 200, minSpacingMs = 500, clock = systemClock } = options;
  if (!(Number.isInteger(perMinute) && perMinute > 0)) {
    throw new InvalidArgumentError('perMinute', `must be a positive integer, got "${perMinute}"`);
  }
  if (!(Number.isFinite(minSpacingMs) && minSpacingMs >= 0)) {
    throw new InvalidArgumentError('minSpacingMs', `must be a number >= 0, got "${minSpacingMs}"`);
  }
  // recent[next] is the oldest of the last `perMinute` grants once the ring is full.
  const recent = new Float64Array(perMinute).fill(-Infinity);
  let next = 0;
  let lastGrant = -Infinity;
  let timerSet = false;
  const waiting: Array<() => void> = [];

  const pump = (): void => {
    timerSet = false;
    while (waiting.length > 0) {
      const now = clock.now();
      const readyAt = Math.max(recent[next] + WINDOW_MS, lastGrant + minSpacingMs);
      if (readyAt > now) {
        timerSet = true;
        clock.setTimeout(pump, Math.ceil(readyAt - now));
        return;
      }
      recent[next] = now;
      next = (next + 1) % perMinute;
      lastGrant = now;
      waiting.shift()?.();
    }
  };

  const acquire = (): Promise<void> =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!timerSet) pump();
    });

  return {
    acquire,
    schedule: async (fn) => {
      await acquire();
      return fn();
    },
    pending: () => waiting.length,
  };
}
