import test from 'ava';
import { levelsFor, riskReward } from '../../../../functions/generate-signals/candidates/levels.js';

const bar = { open: 100, high: 112, low: 96, close: 110, atr: 5 };

test('default levels: entry at the close, stop 0.25 ATR under the low, targets at 2/4/6 ATR, no invalidation', (t) => {
  const levels = levelsFor('THREE_INSIDE_UP', bar);
  t.deepEqual(levels, { entry: 110, stop: 96 - 0.25 * 5, invalidation: null, tp1: 120, tp2: 130, tp3: 140 });
});

test('the stop buffer is a configurable fraction of ATR; without an ATR it is 1 % of the anchor', (t) => {
  t.is(levelsFor('THREE_INSIDE_UP', bar, 0.5).stop, 96 - 0.5 * 5);
  t.is(levelsFor('THREE_INSIDE_UP', { ...bar, atr: Number.NaN }).stop, 96 * 0.99);
});

test('hammer and morning star are invalidated under the low', (t) => {
  for (const pattern of ['BULLISH_HAMMER', 'MORNING_STAR'] as const) {
    const levels = levelsFor(pattern, bar);
    t.is(levels.invalidation, 96, pattern);
    t.is(levels.stop, 96 - 1.25, pattern);
  }
});

test('engulfing is invalidated under its open', (t) => {
  const levels = levelsFor('BULLISH_ENGULFING', bar);
  t.is(levels.invalidation, 100);
  t.is(levels.stop, 98.75);
});

test('marubozu is invalidated under the middle of its body', (t) => {
  const levels = levelsFor('BULLISH_MARUBOZU', bar);
  t.is(levels.invalidation, 105);
  t.is(levels.stop, 103.75);
});

test('bull flag targets are half, one and one and a half poles, the pole at least 3 ATR', (t) => {
  const levels = levelsFor('BULL_FLAG', bar);
  t.is(levels.invalidation, 96);
  t.deepEqual([levels.tp1, levels.tp2, levels.tp3], [118, 126, 134], 'pole = max(3 × 5, 112 − 96) = 16');
});

test('bull flag pole falls back to 3 ATR when the bar range is smaller', (t) => {
  const levels = levelsFor('BULL_FLAG', { ...bar, atr: 10 });
  t.deepEqual([levels.tp1, levels.tp2, levels.tp3], [125, 140, 155], 'pole = 3 × 10 = 30');
});

test('without an ATR (warm-up or zero) the targets are +3 %, +6 %, +10 %', (t) => {
  for (const atr of [Number.NaN, 0]) {
    const levels = levelsFor('BULLISH_HARAMI', { ...bar, atr });
    t.deepEqual([levels.tp1, levels.tp2, levels.tp3], [110 * 1.03, 110 * 1.06, 110 * 1.1], `atr ${atr}`);
  }
});

test('tiny prices keep their proportions (1e-8 scale)', (t) => {
  const scale = 1e-8;
  const small = levelsFor('BULLISH_ENGULFING', {
    open: bar.open * scale,
    high: bar.high * scale,
    low: bar.low * scale,
    close: bar.close * scale,
    atr: bar.atr * scale,
  });
  const large = levelsFor('BULLISH_ENGULFING', bar);
  t.true(small.stop > 0);
  t.true(Math.abs(riskReward(small) - riskReward(large)) < 1e-9);
});

test('risk:reward is TP1 distance over stop distance, 0 when there is no risk', (t) => {
  t.is(riskReward({ entry: 110, stop: 100, invalidation: null, tp1: 125, tp2: 0, tp3: 0 }), 1.5);
  t.is(riskReward({ entry: 110, stop: 110, invalidation: null, tp1: 125, tp2: 0, tp3: 0 }), 0);
});
