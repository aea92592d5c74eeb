import { sleep } from '../../../shared/runtime/sleep.js';

/** Time as the Discord client sees it; tests pass a fake whose `sleep` advances `now` without waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep,
};
