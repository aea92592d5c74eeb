import test from 'ava';
import fc from 'fast-check';
import { canonicalBase64 } from '../../../shared/messages/push-message.js';

// The rule it replaces, checked independently: canonical base64 is exactly what re-encodes to itself.
const reEncodes = (text: string): boolean => Buffer.from(text, 'base64').toString('base64') === text;

test('canonical base64 decodes to its bytes', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const decoded = canonicalBase64(Buffer.from(bytes).toString('base64'));
      return decoded !== undefined && Buffer.compare(decoded, Buffer.from(bytes)) === 0;
    }),
  );
  t.pass();
});

test('text is taken exactly when it re-encodes to itself: stray, URL-safe and padding characters, unused bits set', (t) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n!';
  const mutated = fc
    .tuple(fc.uint8Array({ maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet)), { maxLength: 3 }))
    .map(([bytes, edits]) => {
      const chars = [...Buffer.from(bytes).toString('base64')];
      for (const [at, c] of edits) chars.splice(at % (chars.length + 1), chars.length === 0 ? 0 : at % 2, c);
      return chars.join('');
    });
  fc.assert(
    fc.property(mutated, (text) => (canonicalBase64(text) !== undefined) === reEncodes(text)),
    { numRuns: 20_000 },
  );
  for (const text of ['AB==', 'AAB=', 'AA-_', 'AA==AAAA', 'A===', '====', 'AAA=AAAA'])
    t.is(canonicalBase64(text) !== undefined, reEncodes(text), text);
});
