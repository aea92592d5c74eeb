import test from 'ava';
import { atr } from '../../../../functions/generate-signals/indicators/atr.js';
import {
  checkLengths,
  checkMultiplier,
  checkPeriod,
  rejectNonFinite,
} from '../../../../functions/generate-signals/indicators/validate.js';
import { InvalidArgumentError } from '../../../../shared/errors/errors.js';

test('checkPeriod accepts integers ≥ 1 and names the argument otherwise', (t) => {
  t.notThrows(() => checkPeriod('period', 1));
  for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
    const error = t.throws(() => checkPeriod('slow', bad), { instanceOf: InvalidArgumentError });
    t.is(error?.message, `argument "slow" must be an integer ≥ 1, got ${String(bad)}`);
    t.is(error?.code, 'INPUT.BAD_ARGUMENT');
  }
});

test('checkMultiplier accepts any finite number and rejects NaN and ±Infinity', (t) => {
  t.notThrows(() => checkMultiplier('k', -0.5));
  for (const bad of [Number.NaN, -Infinity]) {
    t.is(t.throws(() => checkMultiplier('k', bad), { instanceOf: InvalidArgumentError })?.argument, 'k');
  }
});

test('checkLengths names the first series whose length differs from the first one', (t) => {
  t.notThrows(() => checkLengths({ high: [1, 2], low: [1, 2] }));
  const error = t.throws(() => checkLengths({ high: [1, 2], low: [1, 2], close: [1] }), { instanceOf: InvalidArgumentError });
  t.is(error?.message, 'argument "close" has length 1, expected 2 like "high"');
});

test('rejectNonFinite names the first bad value in argument order and passes finite series', (t) => {
  t.notThrows(() => rejectNonFinite({ a: [1, -2, 0] }));
  const error = t.throws(() => rejectNonFinite({ a: [1, 2], b: [3, Number.NaN], c: [Infinity, 1] }), {
    instanceOf: InvalidArgumentError,
  });
  t.is(error?.message, 'argument "b" has a non-finite value at index 1: NaN');
});

test('finite inputs whose sums overflow are not mistaken for non-finite ones', (t) => {
  const huge = [1e308, 1.5e308, 1.7e308, 1.6e308];
  t.notThrows(() => atr(huge, huge, huge, 2));
});
