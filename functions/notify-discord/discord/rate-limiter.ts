import type { Clock } from './clock.js';

interface Bucket {
  remaining: number | undefined;
  resetAt: number;
}

/** The parts of a response the limiter reads. */
export interface RateLimitObservation {
  readonly status: number;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly data: unknown;
}

const header = (headers: Readonly<Record<string, unknown>>, name: string): number | undefined => {
  const value = headers[name];
  const number = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
};

const field = (data: unknown, name: string): unknown =>
  typeof data === 'object' && data !== null && name in data ? (data as Record<string, unknown>)[name] : undefined;

/**
 * Discord's rate limits for webhooks (wire-formats C.4): one bucket per webhook from `X-RateLimit-Remaining` /
 * `X-RateLimit-Reset-After`, and a 429's `retry_after` (seconds, fractional) on its bucket, or on every bucket
 * when `global` is set. `acquire` returns only once a request may be sent, so none goes out before the time
 * Discord asked for.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();
  #globalUntil = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Waits until `bucket` (and the global limit) allow one more request, then takes it. */
  async acquire(bucket: string): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      const state = this.#bucket(bucket);
      if (state.resetAt <= now) state.remaining = undefined;
      const until = Math.max(this.#globalUntil, state.remaining === 0 ? state.resetAt : 0);
      if (until <= now) {
        if (state.remaining !== undefined) state.remaining--;
        return;
      }
      await this.#clock.sleep(until - now);
    }
  }

  /** Learns from one response (any status). */
  observe(bucket: string, response: RateLimitObservation): void {
    const now = this.#clock.now();
    const state = this.#bucket(bucket);
    const remaining = header(response.headers, 'x-ratelimit-remaining');
    const resetAfter = header(response.headers, 'x-ratelimit-reset-after');
    if (remaining !== undefined) state.remaining = remaining;
    if (resetAfter !== undefined) state.resetAt = now + Math.ceil(resetAfter * 1000);
    if (response.status !== 429) return;
    const bodySeconds = Number(field(response.data, 'retry_after'));
    const seconds = Number.isFinite(bodySeconds) ? bodySeconds : (header(response.headers, 'retry-after') ?? 1);
    const until = now + Math.ceil(Math.max(0, seconds) * 1000);
    const global = field(response.data, 'global') === true || String(response.headers['x-ratelimit-global']) === 'true';
    if (global) {
      this.#globalUntil = Math.max(this.#globalUntil, until);
    } else {
      state.remaining = 0;
      state.resetAt = Math.max(state.resetAt, until);
    }
  }

  /** The earliest time (epoch ms) a request on `bucket` may go out. */
  nextAllowedAt(bucket: string): number {
    const state = this.#bucket(bucket);
    return Math.max(this.#globalUntil, state.remaining === 0 ? state.resetAt : 0);
  }

  #bucket(name: string): Bucket {
    let state = this.#buckets.get(name);
    if (state === undefined) {
      state = { remaining: undefined, resetAt: 0 };
      this.#buckets.set(name, state);
    }
    return state;
  }
}
