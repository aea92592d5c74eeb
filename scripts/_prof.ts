import { buildSeries } from './bench/indicators.js';
import { checkSeries } from '../functions/generate-signals/indicators/validate.js';
import { rollingExtreme } from '../functions/generate-signals/indicators/rolling-extremes.js';
import { trueRange } from '../functions/generate-signals/indicators/true-range.js';
import { mfi } from '../functions/generate-signals/indicators/mfi.js';
const s = buildSeries(1_000_000);
function t(name: string, f: () => unknown) {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) { const a = performance.now(); f(); xs.push(performance.now() - a); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(30), xs[7].toFixed(2), 'min', xs[0].toFixed(2));
}
t('alloc 1', () => new Float64Array(1_000_000));
t('check 1', () => checkSeries({ close: s.close }));
t('check 3', () => checkSeries({ high: s.high, low: s.low, close: s.close }));
t('check 4', () => checkSeries({ high: s.high, low: s.low, close: s.close, volume: s.volume }));
t('rollingExtreme', () => rollingExtreme(s.high, 22, 1));
t('trueRange', () => trueRange(s.high, s.low, s.close));
t('mfi', () => mfi(s.high, s.low, s.close, s.volume, 14));
