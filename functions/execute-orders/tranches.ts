import { decimalsOf, roundDownTo } from '../../shared/trading/increments.js';

/** One tranche of a position: `a` leaves at TP1, `b` at TP2, `c` is the runner (TP3 or the lifecycle's exit). */
export interface Tranche {
  readonly leg: 'a' | 'b' | 'c';
  readonly qty: number;
}

/**
 * 50/25/25, each rounded down to `step` and the remainder to the runner; empty tranches are dropped, so a small
 * position has fewer (whole shares: 1 share → one runner, 2–3 shares → TP1 and runner, 4+ → all three).
 * `minQty` drops a partial tranche too small to be an order, its quantity going to the runner.
 */
export function splitTranches(qty: number, step: number, minQty = 0): Tranche[] {
  const usable = (q: number) => (q > 0 && q >= minQty ? q : 0);
  const a = usable(roundDownTo(qty * 0.5, step));
  const b = usable(roundDownTo(qty * 0.25, step));
  const c = Number((qty - a - b).toFixed(decimalsOf(step)));
  return (
    [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const
  )
    .filter(([, q]) => q > 0)
    .map(([leg, q]) => ({ leg, qty: q }));
}
