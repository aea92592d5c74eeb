import test from 'ava';
import {
  levelValidationFailures,
  qualityGateChecks,
  qualityGateFailures,
} from '../../../../functions/generate-signals/candidates/gates.js';

const calm = { rsi: 50, adx: 30 };

test('a setup with volume, RSI and ADX in range passes every gate', (t) => {
  t.deepEqual(qualityGateFailures('BULL_FLAG', 'STANDARD', calm), []);
});

test('each gate is reported with its reading, threshold and verdict, and whether it applies to the pattern', (t) => {
  t.deepEqual(qualityGateChecks('BULLISH_ENGULFING', 'STANDARD', { rsi: 72, adx: 12 }), [
    { gate: 'RSI', applies: true, value: 72, threshold: 70, passed: false, reason: 'RSI 72 > 70 (Overbought)' },
    { gate: 'ADX', applies: false, value: 12, threshold: 20, passed: true },
  ]);
});

test('RSI above 70 rejects every pattern as overbought', (t) => {
  t.deepEqual(qualityGateFailures('BULLISH_HAMMER', 'HIGH', { ...calm, rsi: 70.04 }), ['RSI 70.04 > 70 (Overbought)']);
  t.deepEqual(qualityGateFailures('BULLISH_HAMMER', 'HIGH', { ...calm, rsi: 70 }), [], '70 itself passes');
});

test('the ADX gate applies to trend-following patterns only, at 20 (15 for HIGH conviction)', (t) => {
  const weak = { ...calm, adx: 17 };
  t.deepEqual(qualityGateFailures('THREE_WHITE_SOLDIERS', 'STANDARD', weak), ['ADX 17 < 20 (Weak Trend)']);
  t.deepEqual(qualityGateFailures('THREE_WHITE_SOLDIERS', 'HIGH', weak), []);
  t.deepEqual(qualityGateFailures('BULLISH_ENGULFING', 'STANDARD', weak), []);
});

test('every failing gate is reported, in order', (t) => {
  t.deepEqual(qualityGateFailures('BULL_FLAG', 'STANDARD', { rsi: 80, adx: 10 }), [
    'RSI 80 > 70 (Overbought)',
    'ADX 10 < 20 (Weak Trend)',
  ]);
});

test('readings still in warm-up (NaN) fail no gate', (t) => {
  t.deepEqual(qualityGateFailures('BULL_FLAG', 'STANDARD', { rsi: Number.NaN, adx: Number.NaN }), []);
});

const levels = { entry: 100, stop: 90, invalidation: null, tp1: 115, tp2: 130, tp3: 145 };

test('levels with R:R at the threshold validate', (t) => {
  t.deepEqual(levelValidationFailures(levels), []);
});

test('R:R under 1.5 fails validation whatever the conviction, never printed as the threshold itself', (t) => {
  const short = { ...levels, tp1: 114.99 };
  t.deepEqual(levelValidationFailures(short), ['VALIDATION_FAILED: R:R 1.499 < 1.5']);
});

test('a stop at or under zero, a TP1 at or under zero, and a stop above entry are named', (t) => {
  t.deepEqual(levelValidationFailures({ ...levels, stop: 0, tp1: -1 }), ['VALIDATION_FAILED: Invalid Stop: 0, Invalid TP1: -1']);
  t.deepEqual(levelValidationFailures({ ...levels, stop: 101 }), ['VALIDATION_FAILED: Stop 101 not below entry 100']);
});
