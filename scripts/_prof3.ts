import { buildSeries } from './bench/indicators.js';
import { bollinger } from '../functions/generate-signals/indicators/bollinger.js';
import { keltner } from '../functions/generate-signals/indicators/keltner.js';
import { adx } from '../functions/generate-signals/indicators/adx.js';
import { rsi } from '../functions/generate-signals/indicators/rsi.js';
import { trueRange } from '../functions/generate-signals/indicators/true-range.js';
const s = buildSeries(1_000_000);
function t(name: string, f: () => unknown) {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) { const a = performance.now(); f(); xs.push(performance.now() - a); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(30), xs[7].toFixed(2), 'min', xs[0].toFixed(2));
}
function alloc3() { const n = 1_000_000; return [new Float64Array(n), new Float64Array(n), new Float64Array(n)]; }
function touch3() { const n = 1_000_000; const a = [new Float64Array(n), new Float64Array(n), new Float64Array(n)]; for (const x of a) for (let i = 0; i < n; i++) x[i] = i; return a; }
t('alloc3', alloc3);
t('touch3', touch3);
t('bollinger', () => bollinger(s.close, 20, 2));
t('keltner', () => keltner(s.high, s.low, s.close, 20, 2));
t('adx', () => adx(s.high, s.low, s.close, 14));
t('rsi', () => rsi(s.close, 14));
t('trueRange', () => trueRange(s.high, s.low, s.close));
