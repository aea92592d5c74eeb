import { createHash } from 'node:crypto';
import test from 'ava';
import { MAX_LETTER_BYTES } from '../../../functions/record-dead-letter/fit-letter.js';
import { createRecordDeadLetter, MAX_RECORDING_AGE_MS } from '../../../functions/record-dead-letter/index.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { pushEventWithData } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';

const NOW = new Date('2026-11-30T08:00:00Z');

test('a dead letter bigger than a Firestore document is cut to fit, with the size and SHA-256 of the original', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const capture = captureLogger();
  const record = createRecordDeadLetter({ store, log: capture.logger, now: () => NOW });
  const original = Buffer.alloc(3 * 1024 * 1024, 'x');
  await record(
    pushEventWithData(
      original,
      { sentinelTopic: 'market-bars', huge: 'y'.repeat(5000) },
      { publishTime: NOW.toISOString(), messageId: '42' },
    ),
  );

  const [letter] = await store.listDeadLetters(1);
  t.true(Buffer.byteLength(JSON.stringify(letter)) <= MAX_LETTER_BYTES, 'fits under 1 MiB with room to spare');
  t.deepEqual(letter.original, {
    bytes: original.length,
    sha256: createHash('sha256').update(original).digest('hex'),
    truncated: true,
  });
  t.true(letter.data.length > 800_000, 'keeps as much of the start as fits');
  t.true(original.toString('base64').startsWith(letter.data), 'a prefix of the original, still valid base64');
  t.is(letter.attributes.huge.length, 1024);
  t.like(
    capture.entries().find((e) => String(e.message).startsWith('dead letter recorded')),
    { truncatedFromBytes: original.length },
  );
});

test('a small dead letter is kept whole, without an original marker', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const record = createRecordDeadLetter({ store, log: captureLogger().logger, now: () => NOW });
  await record(pushEventWithData(Buffer.from('{"a":1}'), {}, { publishTime: NOW.toISOString(), messageId: '43' }));
  const [letter] = await store.listDeadLetters(1);
  t.is(letter.data, Buffer.from('{"a":1}').toString('base64'));
  t.is(letter.original, undefined);
});

test('the dead-letter subscription cannot retry forever: a store failure throws for 24 h, then the letter is acknowledged with an error line', async (t) => {
  const failing: Pick<StateStore, 'recordDeadLetter'> = {
    recordDeadLetter: async () => Promise.reject(new Error('store unavailable')),
  };
  const capture = captureLogger();
  let now = new Date(NOW.getTime() + 60_000);
  const record = createRecordDeadLetter({ store: failing, log: capture.logger, now: () => now });
  const event = pushEventWithData(Buffer.from('{}'), {}, { publishTime: NOW.toISOString(), messageId: '44' });
  await t.throwsAsync(record(event), { message: 'store unavailable' }, 'transient: Pub/Sub redelivers');
  now = new Date(NOW.getTime() + MAX_RECORDING_AGE_MS + 1);
  await t.notThrowsAsync(record(event), 'after 24 h it is acknowledged');
  t.true(capture.entries().some((e) => e.severity === 'ERROR' && String(e.message).includes('could not be recorded for 24 h')));
});
