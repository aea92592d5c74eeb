import type { Bar } from '../../../shared/domain/bar.js';
import type { Pivot, PivotType } from '../../../shared/domain/patterns.js';

/** The reversal a leg needs before its extreme becomes a pivot (§2.4, `PIVOT_PCT_THRESHOLD`). */
export const PIVOT_THRESHOLD = 0.05;

/**
 * One run of the ZigZag state machine, recorded bar by bar so the pivots a run over bars 0..i would
 * report can be read back without re-running it: confirmed pivots only ever grow, so bar i knows a
 * prefix of them, plus the provisional extreme of its current leg.
 */
export interface ZigZagTrace {
  /** Every pivot confirmed by the end of the series, in order. */
  readonly confirmed: readonly Pivot[];
  /** How many of `confirmed` are known once bar i has been processed. */
  readonly confirmedCount: Int32Array;
  /** Direction of the current leg after bar i: 1 up (provisional peak), -1 down (provisional valley), 0 undetermined. */
  readonly trend: Int8Array;
  /** Bar index of the current leg's extreme after bar i. */
  readonly extremeIndex: Int32Array;
}

/** Runs the ZigZag over high/low once, in O(n). Bar 0 only seeds the state. */
export function traceZigZag(bars: readonly Bar[], threshold = PIVOT_THRESHOLD): ZigZagTrace {
  const n = bars.length;
  const confirmed: Pivot[] = [];
  const confirmedCount = new Int32Array(n);
  const trend = new Int8Array(n);
  const extremeIndex = new Int32Array(n);
  const pivot = (index: number, type: PivotType): Pivot => pivotOf(bars, index, type);
  let direction = 0;
  let highIdx = 0;
  let lowIdx = 0;
  for (let i = 1; i < n; i++) {
    const { high, low } = bars[i];
    if (direction === 0) {
      if (high > bars[highIdx].high) highIdx = i;
      if (low < bars[lowIdx].low) lowIdx = i;
      const first = bars[0];
      if ((bars[highIdx].high - first.low) / first.low >= threshold) {
        confirmed.push(pivot(0, 'VALLEY'));
        direction = 1;
      } else if ((first.high - bars[lowIdx].low) / first.high >= threshold) {
        confirmed.push(pivot(0, 'PEAK'));
        direction = -1;
      }
    } else if (direction === 1) {
      const lastHigh = bars[highIdx].high;
      if (high > lastHigh) {
        highIdx = i;
      } else if ((lastHigh - low) / lastHigh >= threshold) {
        confirmed.push(pivot(highIdx, 'PEAK'));
        direction = -1;
        lowIdx = i;
      }
    } else {
      const lastLow = bars[lowIdx].low;
      if (low < lastLow) {
        lowIdx = i;
      } else if ((high - lastLow) / lastLow >= threshold) {
        confirmed.push(pivot(lowIdx, 'VALLEY'));
        direction = 1;
        highIdx = i;
      }
    }
    confirmedCount[i] = confirmed.length;
    trend[i] = direction;
    extremeIndex[i] = direction === 1 ? highIdx : lowIdx;
  }
  return { confirmed, confirmedCount, trend, extremeIndex };
}

/** The pivots a ZigZag run over bars 0..i reports: the confirmed ones and the provisional last one. */
export function pivotsFromTrace(trace: ZigZagTrace, bars: readonly Bar[], i: number): Pivot[] {
  const count = trace.confirmedCount[i];
  if (count === 0) return [];
  const pivots = trace.confirmed.slice(0, count);
  pivots.push(pivotOf(bars, trace.extremeIndex[i], trace.trend[i] === 1 ? 'PEAK' : 'VALLEY'));
  return pivots;
}

function pivotOf(bars: readonly Bar[], index: number, type: PivotType): Pivot {
  const bar = bars[index];
  return { index, timestamp: bar.timestamp, price: type === 'PEAK' ? bar.high : bar.low, type };
}
