import type { HarmonicMatch, HarmonicName, Pivot } from '../../../shared/domain/patterns.js';

/** How many of the latest pivots the harmonic scan looks at (§2.6). */
export const HARMONIC_WINDOW = 15;
/** Relative tolerance of every ratio match: `target·(1 ± 0.001)`; a range widens both ends. */
export const HARMONIC_TOLERANCE = 0.001;
const MACRO_DAYS = 90;
const DAY_MS = 86_400_000;

type XabcdName = Exclude<HarmonicName, 'ABCD' | 'ELLIOTT_WAVE_135'>;
interface XabcdRule {
  readonly type: XabcdName;
  readonly b: readonly [number, number];
  readonly d: number;
}

/** In reverse scan order, so the first hit is the one the reference's "last found wins" keeps. */
const XABCD_RULES: readonly XabcdRule[] = [
  { type: 'CRAB', b: [0.382, 0.618], d: 1.618 },
  { type: 'BUTTERFLY', b: [0.786, 0.786], d: 1.27 },
  { type: 'BAT', b: [0.382, 0.5], d: 0.886 },
  { type: 'GARTLEY', b: [0.618, 0.618], d: 0.786 },
];

/**
 * The harmonic or wave context of the latest 15 pivots (§2.6), or null. Scans ABCD, Gartley, Bat,
 * Butterfly, Crab, Elliott and keeps the last found; Elliott reports its most recent match, the others
 * their oldest.
 */
export function findHarmonic(pivots: readonly Pivot[]): HarmonicMatch | null {
  const window = pivots.slice(-HARMONIC_WINDOW);
  const elliott = latestElliott(window);
  if (elliott) return elliott;
  for (const rule of XABCD_RULES) {
    const match = oldestXabcd(window, rule);
    if (match) return match;
  }
  return oldestAbcd(window);
}

function matches(value: number, low: number, high: number): boolean {
  return value >= low * (1 - HARMONIC_TOLERANCE) && value <= high * (1 + HARMONIC_TOLERANCE);
}

/** A quotient that is 0 over a zero denominator, as the reference's ratios are. */
function quotient(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** `|p3-p2| / |p2-p1|`. */
function ratio(p1: number, p2: number, p3: number): number {
  return quotient(Math.abs(p3 - p2), Math.abs(p2 - p1));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function harmonicMatch(type: HarmonicName, ratios: Record<string, number>, pivots: readonly Pivot[]): HarmonicMatch {
  const days = Math.floor((Date.parse(pivots[pivots.length - 1].timestamp) - Date.parse(pivots[0].timestamp)) / DAY_MS);
  const rounded = Object.fromEntries(Object.entries(ratios).map(([name, value]) => [name, round3(value)]));
  return { type, ratios: rounded, isMacro: days > MACRO_DAYS, pivots };
}

function oldestAbcd(window: readonly Pivot[]): HarmonicMatch | null {
  for (let k = 0; k + 3 < window.length; k++) {
    const match = abcdOf(window.slice(k, k + 4));
    if (match) return match;
  }
  return null;
}

function abcdOf(four: readonly Pivot[]): HarmonicMatch | null {
  const [a, b, c, d] = four;
  const priceRatio = quotient(Math.abs(d.price - c.price), Math.abs(b.price - a.price));
  const timeRatio = quotient(d.index - c.index, b.index - a.index);
  return matches(priceRatio, 1, 1) && matches(timeRatio, 1, 1)
    ? harmonicMatch('ABCD', { price_ratio: priceRatio, time_ratio: timeRatio }, four)
    : null;
}

function oldestXabcd(window: readonly Pivot[], rule: XabcdRule): HarmonicMatch | null {
  for (let k = 0; k + 4 < window.length; k++) {
    const match = xabcdOf(window.slice(k, k + 5), rule);
    if (match) return match;
  }
  return null;
}

function xabcdOf(five: readonly Pivot[], rule: XabcdRule): HarmonicMatch | null {
  const [x, a, b, , d] = five;
  const bRatio = ratio(x.price, a.price, b.price);
  const dRatio = ratio(x.price, a.price, d.price);
  return matches(bRatio, rule.b[0], rule.b[1]) && matches(dRatio, rule.d, rule.d)
    ? harmonicMatch(rule.type, { B_ratio: bRatio, D_ratio: dRatio }, five)
    : null;
}

function latestElliott(window: readonly Pivot[]): HarmonicMatch | null {
  for (let k = window.length - 5; k >= 0; k--) {
    const match = elliottOf(window.slice(k, k + 5));
    if (match) return match;
  }
  return null;
}

function elliottOf(five: readonly Pivot[]): HarmonicMatch | null {
  // A bearish count is the bullish rule on mirrored prices.
  const sign = five[0].type === 'VALLEY' ? 1 : -1;
  const [p0, p1, p2, p3, p4] = five.map((pivot) => sign * pivot.price);
  const wave1 = p1 - p0;
  const wave3 = p3 - p2;
  if (!(p2 > p0 && wave3 >= 1.618 * wave1 && p3 - p4 >= 0.236 * wave3 && p4 > p1)) return null;
  const ratios = {
    wave3_to_wave1_ratio: quotient(wave3, wave1),
    wave4_retrace_ratio: quotient(p3 - p4, wave3),
  };
  return harmonicMatch('ELLIOTT_WAVE_135', ratios, five);
}

/**
 * The structure that completes at the last of `pivots`, in the scan's order of preference (Elliott, Crab,
 * Butterfly, Bat, Gartley, ABCD), or null. Bullish when that last pivot is a valley: an Elliott count
 * 0-1-2-3-4 from a valley ends on the wave-4 low, an XABCD or ABCD pattern on its D low.
 */
export function harmonicCompletedAtLast(pivots: readonly Pivot[]): HarmonicMatch | null {
  if (pivots.length >= 5) {
    const five = pivots.slice(-5);
    const elliott = elliottOf(five);
    if (elliott) return elliott;
    for (const rule of XABCD_RULES) {
      const match = xabcdOf(five, rule);
      if (match) return match;
    }
  }
  return pivots.length >= 4 ? abcdOf(pivots.slice(-4)) : null;
}
