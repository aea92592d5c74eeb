import test from 'ava';
import { compilePubSubFilter } from '../../../shared/bus/pubsub-filter.js';

const cases: readonly [filter: string, attributes: Record<string, string>, expected: boolean][] = [
  ['', {}, true],
  ['attributes.type = "signal.created"', { type: 'signal.created' }, true],
  ['attributes.type = "signal.created"', { type: 'signal.tp1' }, false],
  ['attributes.type = "signal.created"', {}, false],
  ['attributes.type != "signal.created"', { type: 'signal.tp1' }, true],
  ['attributes.type != "signal.created"', {}, true],
  ['attributes.type != "signal.created"', { type: 'signal.created' }, false],
  ['hasPrefix(attributes.type, "signal.")', { type: 'signal.tp1' }, true],
  ['hasPrefix(attributes.type, "signal.")', { type: 'order.filled' }, false],
  ['hasPrefix(attributes.type, "signal.")', {}, false],
  ['attributes:symbol', { symbol: '' }, true],
  ['attributes:symbol', { type: 'x' }, false],
  ['NOT attributes:symbol', { type: 'x' }, true],
  ['-attributes:symbol', { symbol: 'BTC/USD' }, false],
  ['attributes:a AND attributes:b', { a: '1', b: '2' }, true],
  ['attributes:a AND attributes:b', { a: '1' }, false],
  ['attributes:a OR attributes:b OR attributes:c', { c: '1' }, true],
  ['attributes:a OR attributes:b', {}, false],
  ['attributes:a AND (attributes.b = "x" OR NOT attributes:c)', { a: '1' }, true],
  ['attributes:a AND (attributes.b = "x" OR NOT attributes:c)', { a: '1', c: '1' }, false],
  ['NOT (attributes.kind = "order" OR hasPrefix(attributes.type, "order."))', { type: 'signal.created' }, true],
  ['NOT (attributes.kind = "order" OR hasPrefix(attributes.type, "order."))', { type: 'order.filled' }, false],
  ['attributes.ce-type = "a\\"b"', { 'ce-type': 'a"b' }, true],
  ['attributes.`iana.org/language` = "en"', { 'iana.org/language': 'en' }, true],
];

for (const [filter, attributes, expected] of cases) {
  test(`${filter || '(no filter)'} on ${JSON.stringify(attributes)} is ${expected}`, (t) => {
    t.is(compilePubSubFilter(filter)(attributes), expected);
  });
}

const refused: readonly [filter: string, reason: RegExp][] = [
  ['attributes:a AND attributes:b OR attributes:c', /AND and OR mixed without parentheses/],
  ['attributes.type = signal', /expected string/],
  ['attributes.type > "a"', /unexpected ">"/],
  ['hasSuffix(attributes.type, "x")', /expected "attributes"/],
  ['attributes.type = "a" attributes:b', /unexpected "attributes"/],
  ['(attributes:a', /expected "\)" at the end/],
  ['attributes.type = "open', /unterminated "/],
  ['attributes.type', /expected = or != after attributes.type/],
  [`attributes.type = "${'x'.repeat(260)}"`, /more than 256 bytes/],
];

for (const [filter, reason] of refused) {
  test(`refuses ${filter.slice(0, 60)} with a clear error naming the filter`, (t) => {
    const error = t.throws(() => compilePubSubFilter(filter));
    t.regex(error.message, reason);
    t.regex(error.message, /argument "filter" .* in Pub\/Sub filter "/);
  });
}
