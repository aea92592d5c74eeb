import test from 'ava';
import { BoundedMap } from '../../../shared/cache/bounded-map.js';

test('a bounded map starts afresh when a new key would pass its limit, and never holds more', (t) => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1).set('b', 2);
  map.set('a', 10);
  t.deepEqual(
    [...map],
    [
      ['a', 10],
      ['b', 2],
    ],
    'a known key is updated in place, nothing forgotten',
  );
  map.set('c', 3);
  t.deepEqual([...map], [['c', 3]], 'a third key clears the first two');
  t.is(map.get('a'), undefined);
});
