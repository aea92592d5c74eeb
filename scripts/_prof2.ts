import { buildSeries } from './bench/indicators.js';
const s = buildSeries(1_000_000);
function t(name: string, f: () => unknown) {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) { const a = performance.now(); f(); xs.push(performance.now() - a); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(30), xs[7].toFixed(2), 'min', xs[0].toFixed(2));
}
function dequeMax(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const idx = new Int32Array(n);
  let head = 0, tail = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    while (tail > head && values[idx[tail - 1]] <= x) tail--;
    idx[tail++] = i;
    if (idx[head] <= i - period) head++;
    out[i] = values[idx[head]];
  }
  return out;
}
function vhgw(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const suffix = new Float64Array(n);
  // suffix max within blocks (backward)
  for (let start = 0; start < n; start += period) {
    const end = Math.min(start + period, n) - 1;
    let m = values[end];
    suffix[end] = m;
    for (let i = end - 1; i >= start; i--) { const x = values[i]; if (x > m) m = x; suffix[i] = m; }
  }
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (i % period === 0) m = x; else if (x > m) m = x;
    if (i >= period - 1) { const sfx = suffix[i - period + 1]; out[i] = sfx > m ? sfx : m; }
  }
  return out;
}
function trA(h: Float64Array, l: Float64Array, c: Float64Array) {
  const n = c.length, out = new Float64Array(n);
  for (let i = 1; i < n; i++) out[i] = Math.max(h[i] - l[i], Math.abs(h[i] - c[i - 1]), Math.abs(l[i] - c[i - 1]));
  return out;
}
function trB(h: Float64Array, l: Float64Array, c: Float64Array) {
  const n = c.length, out = new Float64Array(n);
  let pc = c[0];
  for (let i = 1; i < n; i++) {
    const hi = h[i], lo = l[i];
    let tr = hi - lo;
    const a = hi > pc ? hi - pc : pc - hi;
    if (a > tr) tr = a;
    const b = lo > pc ? lo - pc : pc - lo;
    if (b > tr) tr = b;
    out[i] = tr; pc = c[i];
  }
  return out;
}
function trC(h: Float64Array, l: Float64Array, c: Float64Array) {
  const n = c.length, out = new Float64Array(n);
  let pc = c[0];
  for (let i = 1; i < n; i++) {
    const hi = h[i], lo = l[i];
    out[i] = (hi > pc ? hi : pc) - (lo < pc ? lo : pc); pc = c[i];
  }
  return out;
}
function trD(h: Float64Array, l: Float64Array, c: Float64Array) {
  const n = c.length, out = new Float64Array(n);
  let pc = c[0];
  for (let i = 1; i < n; i++) {
    const hi = h[i], lo = l[i];
    out[i] = Math.max(hi - lo, Math.abs(hi - pc), Math.abs(lo - pc)); pc = c[i];
  }
  return out;
}
t('dequeMax full idx', () => dequeMax(s.high, 22));
t('vhgw', () => vhgw(s.high, 22));
t('trA', () => trA(s.high, s.low, s.close));
t('trB', () => trB(s.high, s.low, s.close));
t('trC', () => trC(s.high, s.low, s.close));
t('trD', () => trD(s.high, s.low, s.close));
