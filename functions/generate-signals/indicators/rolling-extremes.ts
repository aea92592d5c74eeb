import { checkPeriod, checkSeries } from './validate.js';

/**
 * Highest value of the last `period` values (NaN before index `period − 1`), O(n) overall.
 * @see Lemire, "Streaming maximum-minimum filter using no more than three comparisons per element" (2006)
 */
export function rollingMax(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  checkSeries({ values });
  return rollingExtreme(values, period, 1);
}

/** Lowest value of the last `period` values (NaN before index `period − 1`), O(n) overall. */
export function rollingMin(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('period', period);
  checkSeries({ values });
  return rollingExtreme(values, period, -1);
}

/**
 * Internal (unvalidated): monotonic-deque window extreme, `sign` 1 for the max and −1 for the min.
 * The deque is a ring of the candidates' indices and values, sized to a power of two ≥ period.
 */
export function rollingExtreme(values: ArrayLike<number>, period: number, sign: 1 | -1): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const capacity = 2 ** Math.ceil(Math.log2(period));
  const mask = capacity - 1;
  const indices = new Int32Array(capacity);
  const kept = new Float64Array(capacity);
  let head = 0;
  let tail = 0;
  const warm = Math.min(period - 1, n);
  out.fill(NaN, 0, warm);
  for (let i = 0; i < n; i++) {
    if (tail > head && indices[head & mask] <= i - period) head++;
    const x = values[i];
    while (tail > head && (x - kept[(tail - 1) & mask]) * sign >= 0) tail--;
    indices[tail & mask] = i;
    kept[tail & mask] = x;
    tail++;
    if (i >= warm) out[i] = kept[head & mask];
  }
  return out;
}
