import { InvalidArgumentError } from '../../../shared/errors/errors.js';

/**
 * Argument checks of the public indicator entry points; internal helpers (`emaOfSeries`, …) trust
 * their input and may get warm-up NaNs. Periods and lengths are checked up front. Finiteness costs no
 * extra pass: each hot loop sums `x * 0` (0 for a finite x, NaN otherwise) into a `poison` number and
 * calls `rejectNonFinite` only when that is not 0, which rescans to name the argument and index.
 */

/** Rejects a bar count that is not an integer ≥ 1. */
export function checkPeriod(name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new InvalidArgumentError(name, `must be an integer ≥ 1, got ${String(period)}`);
  }
}

/** Rejects a multiplier that is not a finite number. */
export function checkMultiplier(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, `must be a finite number, got ${String(value)}`);
  }
}

/** Rejects aligned series, given by name (`{ high, low, close }`), whose length differs from the first's. */
export function checkLengths(series: Readonly<Record<string, ArrayLike<number>>>): void {
  let firstName = '';
  let length = -1;
  for (const name in series) {
    const values = series[name];
    if (length < 0) {
      firstName = name;
      length = values.length;
    } else if (values.length !== length) {
      throw new InvalidArgumentError(name, `has length ${values.length}, expected ${length} like "${firstName}"`);
    }
  }
}

/** Throws for the first non-finite value of the named series, in argument order; called only after a poisoned loop. */
export function rejectNonFinite(series: Readonly<Record<string, ArrayLike<number>>>): void {
  for (const name in series) {
    const values = series[name];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value - value !== 0) {
        throw new InvalidArgumentError(name, `has a non-finite value at index ${i}: ${String(value)}`);
      }
    }
  }
}
