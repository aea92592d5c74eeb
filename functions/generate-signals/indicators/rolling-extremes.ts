import { checkPeriod, rejectNonFinite } from './validate.js';

/**
 * Highest of the last `period` values (NaN before index `period − 1`); O(n), O(period) memory.
 * @see van Herk (1992) and Gil & Werman (1993): running max/min with 3 comparisons per element
 */
export function rollingMax(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  return rollingExtreme(values, period, 1, 'values');
}

/** Lowest of the last `period` values (NaN before index `period − 1`); O(n), O(period) memory. */
export function rollingMin(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  return rollingExtreme(values, period, -1, 'values');
}

/**
 * Internal: window max (`sign` 1) or min (−1, as the max of −x); a non-finite value throws naming `argument`.
 * Blocks of `period` values: the window ending at i is the suffix of the previous block from i−period+1
 * joined with the prefix of the current one up to i. Unlike a monotonic deque it has no data-dependent
 * inner loop, which mispredicts on real prices and measured twice as slow.
 */
export function rollingExtreme(values: ArrayLike<number>, period: number, sign: 1 | -1, argument: string): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  // suffix[j] = extreme of previous block's values j..period−1; suffix[period] stays −∞ (empty suffix).
  const suffix = new Float64Array(period + 1).fill(-Infinity);
  let poison = 0;
  for (let start = 0; start < n; start += period) {
    const end = start + period < n ? start + period : n;
    let prefix = -Infinity;
    for (let i = start, j = 1; i < end; i++, j++) {
      const x = values[i] * sign;
      poison += x * 0;
      if (x > prefix) prefix = x;
      const before = suffix[j];
      out[i] = (before > prefix ? before : prefix) * sign;
    }
    let running = -Infinity;
    for (let i = end - 1, j = end - 1 - start; j >= 0; i--, j--) {
      const x = values[i] * sign;
      if (x > running) running = x;
      suffix[j] = running;
    }
  }
  out.fill(NaN, 0, Math.min(period - 1, n));
  if (poison !== 0) rejectNonFinite({ [argument]: values });
  return out;
}
