import { InvalidArgumentError } from '../../../shared/errors/errors.js';

/**
 * Argument checks of the public indicator entry points. Only those reject NaN: the internal
 * `…OfSeries`/`…Unchecked` helpers they compose trust their input and may receive warm-up NaNs.
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

/**
 * Checks aligned input series given by name, e.g. `checkSeries({ high, low, close })`: every one has
 * the length of the first and holds only finite numbers. One read per element, no allocation.
 */
export function checkSeries(series: Readonly<Record<string, ArrayLike<number>>>): void {
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
    for (let i = 0; i < length; i++) {
      const value = values[i];
      // x - x is 0 for every finite number and NaN for NaN, ±Infinity and non-numbers.
      if (value - value !== 0) {
        throw new InvalidArgumentError(name, `has a non-finite value at index ${i}: ${String(value)}`);
      }
    }
  }
}
