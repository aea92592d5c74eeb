/**
 * The kill switch (issue 12, point 6). `sentinel pause` sets it and `sentinel resume` clears it; every function
 * reads it: fetchMarketData scans nothing, persistState admits no new signal (the lifecycle of open signals goes on),
 * executeOrders places no new entry; protective orders at the broker stay in place. `sentinel pause --close-all`
 * also cancels open orders and closes every paper position at once (functions/execute-orders/close-all.ts).
 */
export interface PauseState {
  readonly paused: boolean;
  /** Set by `pause --close-all`, which closed every paper position when it was set. */
  readonly closeAll: boolean;
  /** Why, in the operator's words. */
  readonly reason: string;
  /** When it was set (ISO-8601 UTC). */
  readonly at: string;
}

/** Not paused: what a store without a flag reads. */
export const RUNNING: PauseState = { paused: false, closeAll: false, reason: '', at: '1970-01-01T00:00:00.000Z' };

/** Where the flag lives: beside the state store (a SQLite table or a Firestore document). */
export interface PauseFlag {
  get(): Promise<PauseState>;
  set(state: PauseState): Promise<void>;
}

/** Reads a stored flag: anything but an explicit `paused: false` reads as paused (a broken flag stops, it never trades). */
export function pauseStateOf(value: unknown): PauseState {
  if (typeof value !== 'object' || value === null) return RUNNING;
  const record = value as Record<string, unknown>;
  const paused = record.paused;
  if (paused === false) return RUNNING;
  return {
    paused: true,
    closeAll: record.closeAll === true,
    reason: typeof record.reason === 'string' ? record.reason : 'unreadable pause flag',
    at: typeof record.at === 'string' ? record.at : RUNNING.at,
  };
}
