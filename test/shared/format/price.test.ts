import test from 'ava';
import { formatPrice } from '../../../shared/format/price.js';

const CASES: ReadonlyArray<readonly [number, string]> = [
  [64_123.456, '64,123.46'],
  [1000, '1,000.00'],
  [12.3, '12.30'],
  [1, '1.00'],
  [0.4567, '0.4567'],
  [0.5, '0.5000'],
  [0.00001234, '0.00001234'],
  [1e-8, '0.00000001000'],
  [1.23456e-8, '0.00000001235'],
  [0, '0.000'],
  [Number.NaN, '—'],
  [Number.POSITIVE_INFINITY, '—'],
];

for (const [value, expected] of CASES) {
  test(`formats ${value} as ${expected}`, (t) => {
    t.is(formatPrice(value), expected);
  });
}

test('never falls back to exponent notation below 1e-6', (t) => {
  for (let exponent = -7; exponent >= -12; exponent--) {
    t.false(formatPrice(1.5 * 10 ** exponent).includes('e'), `1.5e${exponent}`);
  }
});
