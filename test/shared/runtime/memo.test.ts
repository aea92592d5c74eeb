import test from 'ava';
import { memo } from '../../../shared/runtime/memo.js';

test('builds once, at the first call, and every caller gets the same value', async (t) => {
  let builds = 0;
  const value = memo(() => ({ n: ++builds }));
  t.is(builds, 0, 'nothing is built before the first call');
  const [a, b] = await Promise.all([value(), value()]);
  t.is(a, b);
  t.is(await value(), a);
  t.is(builds, 1);
});

test('a failed build is not kept: the next call builds again', async (t) => {
  let builds = 0;
  const value = memo(async () => {
    if (++builds === 1) throw new Error('secret not readable yet');
    return 'handler';
  });
  await t.throwsAsync(value(), { message: 'secret not readable yet' });
  t.is(await value(), 'handler');
  t.is(await value(), 'handler');
  t.is(builds, 2);
});

test('a build that throws synchronously is retried too', async (t) => {
  let builds = 0;
  const value = memo(() => {
    if (++builds === 1) throw new Error('bad config');
    return builds;
  });
  await t.throwsAsync(value(), { message: 'bad config' });
  t.is(await value(), 2);
});
