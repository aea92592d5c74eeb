import test from 'ava';
import { parseConfig } from '../../../shared/config/index.js';
import { ConfigError } from '../../../shared/errors/errors.js';
import { faultPoints, InjectedFaultError, noFault } from '../../../shared/runtime/fault.js';

test('unset, no point ever fails', (t) => {
  const fault = faultPoints(undefined);
  t.is(fault, noFault);
  t.notThrows(() => fault('persistState:after-write'));
});

test('once fails the first pass of its point only; other points never', (t) => {
  const fault = faultPoints('persistState:after-write:once');
  t.notThrows(() => fault('persistState:act'));
  t.throws(() => fault('persistState:after-write'), {
    instanceOf: InjectedFaultError,
    message: /injected fault at persistState:after-write/,
  });
  t.notThrows(() => fault('persistState:after-write'));
});

test('always fails every pass', (t) => {
  const fault = faultPoints('fetchMarketData:act:always');
  for (let i = 0; i < 3; i++) t.throws(() => fault('fetchMarketData:act'), { instanceOf: InjectedFaultError });
});

test('SENTINEL_FAULT is validated by the schema and refused in prod', (t) => {
  t.is(parseConfig({ SENTINEL_FAULT: 'persistState:after-write:once' }).testing.fault, 'persistState:after-write:once');
  t.is(parseConfig({}).testing.fault, undefined);
  t.throws(() => parseConfig({ SENTINEL_FAULT: 'persistState:sometimes' }), {
    instanceOf: ConfigError,
    message: /SENTINEL_FAULT/,
  });
  t.throws(
    () => parseConfig({ SENTINEL_FAULT: 'persistState:act:once', ENVIRONMENT: 'prod', GOOGLE_CLOUD_PROJECT: 'my-project-1' }),
    {
      instanceOf: ConfigError,
      message: /SENTINEL_FAULT: is a test-only failure injection and is refused when ENVIRONMENT=prod/,
    },
  );
});
