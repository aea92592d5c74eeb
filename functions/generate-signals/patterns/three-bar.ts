import type { SeriesAnalysis } from './series-analysis.js';
import { insideBody } from './two-bar.js';

function volumeRising(a: SeriesAnalysis, i: number): boolean {
  return a.volume[i] > a.volume[i - 1] && a.volume[i - 1] > a.volume[i - 2];
}

/** MORNING_STAR (§2.5 #5): a big red bar, a small-bodied star at or under its close, a green bar past its midpoint. */
export function morningStarAt(a: SeriesAnalysis, i: number): boolean {
  return (
    i >= 2 &&
    a.red[i - 2] === 1 &&
    a.body[i - 2] > a.atr14[i - 2] &&
    a.body[i - 1] < 0.3 * a.range[i - 1] &&
    a.open[i - 1] <= a.close[i - 2] &&
    a.green[i] === 1 &&
    a.close[i] > (a.open[i - 2] + a.close[i - 2]) / 2 &&
    a.rsiBullishDivergence[i] === 1 &&
    a.volumeExpansion[i] === 1 &&
    a.volatilityContraction[i] === 1
  );
}

/** THREE_INSIDE_UP (§2.5 #7): a red bar, a green harami inside it, a green close above its open, on rising volume. */
export function threeInsideUpAt(a: SeriesAnalysis, i: number): boolean {
  return (
    i >= 2 &&
    a.red[i - 2] === 1 &&
    a.green[i - 1] === 1 &&
    insideBody(a, i - 1, i - 2) &&
    a.green[i] === 1 &&
    a.close[i] > a.open[i - 2] &&
    a.reversalContext[i] === 1 &&
    volumeRising(a, i)
  );
}

/** THREE_WHITE_SOLDIERS (§2.5 #9): three green bars, each opening inside the previous body, short upper wicks. */
export function threeWhiteSoldiersAt(a: SeriesAnalysis, i: number): boolean {
  if (i < 2) return false;
  for (let k = i - 2; k <= i; k++) {
    if (a.green[k] !== 1 || !(a.upperWick[k] < 0.2 * a.body[k])) return false;
  }
  const opensInside = (k: number): boolean => a.open[k] > a.open[k - 1] && a.open[k] < a.close[k - 1];
  return (
    opensInside(i) &&
    opensInside(i - 1) &&
    a.trendBullish[i] === 1 &&
    volumeRising(a, i) &&
    a.body[i - 2] + a.body[i - 1] + a.body[i] > 2 * a.atr14[i] &&
    a.volumeExpansion[i] === 1 &&
    a.volatilityContraction[i] === 1
  );
}

/** RISING_THREE_METHODS (§2.5 #4): a long green bar, three bars inside its range, a long green close above its high. */
export function risingThreeMethodsAt(a: SeriesAnalysis, i: number): boolean {
  if (i < 4) return false;
  const first = i - 4;
  for (let k = i - 3; k < i; k++) {
    if (!(a.high[k] <= a.high[first] && a.low[k] >= a.low[first])) return false;
  }
  const middleBody = (a.body[i - 3] + a.body[i - 2] + a.body[i - 1]) / 3;
  return (
    a.green[first] === 1 &&
    a.green[i] === 1 &&
    a.close[i] > a.high[first] &&
    a.body[first] > 1.5 * middleBody &&
    a.body[i] > 1.5 * middleBody &&
    a.trendBullish[i] === 1 &&
    a.volumeExpansion[i] === 1
  );
}
