import { buildSeries } from './bench/indicators.js';
import { mfi } from '../functions/generate-signals/indicators/mfi.js';
const s = buildSeries(1_000_000);
function t(name: string, f: () => unknown) {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) { const a = performance.now(); f(); xs.push(performance.now() - a); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(30), xs[7].toFixed(2), 'min', xs[0].toFixed(2));
}
function blockExtreme(values: Float64Array, period: number, sign: 1 | -1): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period - 1, n));
  const suffix = new Float64Array(period + 1).fill(-Infinity);
  for (let start = 0; start < n; start += period) {
    const end = Math.min(start + period, n);
    let prefix = -Infinity;
    for (let i = start; i < end; i++) {
      const x = values[i] * sign;
      if (x > prefix) prefix = x;
      const before = suffix[i - start + 1];
      if (i >= period - 1) out[i] = (before > prefix ? before : prefix) * sign;
    }
    let running = -Infinity;
    for (let i = end - 1; i >= start; i--) {
      const x = values[i] * sign;
      if (x > running) running = x;
      suffix[i - start] = running;
    }
  }
  return out;
}
function mfiB(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period: number) {
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(period, n));
  const posRing = new Float64Array(period);
  const negRing = new Float64Array(period);
  let positive = 0, negative = 0, posCount = 0, negCount = 0, slot = 0;
  let previous = (high[0] + low[0] + close[0]) / 3;
  for (let i = 1; i < n; i++) {
    const typical = (high[i] + low[i] + close[i]) / 3;
    const flow = typical * volume[i];
    const up = flow * +(typical > previous);
    const down = flow * +(typical < previous);
    const oldUp = posRing[slot];
    const oldDown = negRing[slot];
    positive += up - oldUp;
    negative += down - oldDown;
    posCount += +(up > 0) - +(oldUp > 0);
    negCount += +(down > 0) - +(oldDown > 0);
    if (posCount === 0) positive = 0;
    if (negCount === 0) negative = 0;
    posRing[slot] = up;
    negRing[slot] = down;
    if (++slot === period) slot = 0;
    previous = typical;
    if (i >= period) out[i] = negative === 0 ? (positive === 0 ? NaN : 100) : (100 * positive) / (positive + negative);
  }
  return out;
}
t('block max', () => blockExtreme(s.high, 22, 1));
t('block min', () => blockExtreme(s.low, 22, -1));
t('mfi current', () => mfi(s.high, s.low, s.close, s.volume, 14));
t('mfiB', () => mfiB(s.high, s.low, s.close, s.volume, 14));
const a = mfiB(s.high, s.low, s.close, s.volume, 14), b = mfi(s.high, s.low, s.close, s.volume, 14);
let worst = 0; for (let i = 14; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]-b[i])); console.log('mfi diff', worst);
