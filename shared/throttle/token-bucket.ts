import { InvalidArgumentError } from '../errors/errors.js';

/** The two things the throttle needs from time; tests pass sinon's fake clock through the default one. */
export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

/** Defaults fit Alpaca: 200 a minute, 0.5 s apart. */
export interface ThrottleOptions {
  /** Bucket capacity and refill per 60 s (Alpaca allows 200 requests/min per key). */
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
 * Token bucket of capacity `perMinute`, refilled continuously at `perMinute` per minute, plus a minimum spacing
 * between grants. Keeps every Alpaca call of an instance under the account's rate limit without busy-waiting.
 */
export function createThrottle(options: ThrottleOptions = {}): Throttle {
  const { perMinute = 200, minSpacingMs = 500, clock = systemClock } = options;
  if (!(Number.isFinite(perMinute) && perMinute > 0)) {
    throw new InvalidArgumentError('perMinute', `must be a positive number, got "${perMinute}"`);
  }
  if (!(Number.isFinite(minSpacingMs) && minSpacingMs >= 0)) {
    throw new InvalidArgumentError('minSpacingMs', `must be a number >= 0, got "${minSpacingMs}"`);
  }
  const intervalMs = 60_000 / perMinute;
  const burstMs = (perMinute - 1) * intervalMs;
  // Generic cell rate form of the bucket: a grant at t is allowed once t >= tat - burstMs; exact, no float tokens.
  let tat = -Infinity;
  let lastGrant = -Infinity;
  let timerSet = false;
  const waiting: Array<() => void> = [];

  const pump = (): void => {
    timerSet = false;
    while (waiting.length > 0) {
      const now = clock.now();
      const readyAt = Math.max(tat - burstMs, lastGrant + minSpacingMs);
      if (readyAt > now) {
        timerSet = true;
        clock.setTimeout(pump, Math.ceil(readyAt - now));
        return;
      }
      tat = Math.max(tat, now) + intervalMs;
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
