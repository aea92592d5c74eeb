import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { createNotifyDiscord } from '../../../functions/notify-discord/index.js';
import { createOutboxSink } from '../../../functions/notify-discord/outbox-sink.js';
import { createRecordDeadLetter } from '../../../functions/record-dead-letter/index.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import type { DeliveryMode } from '../../../shared/bus/in-process-bus.js';
import { encodeMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventWithData } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';
import { makeCreatedEvent } from '../../shared/messages/message-factory.js';

const RECORDED_AT = '2024-03-04T12:00:15.000Z';
const noBackoff: DeliveryMode['backoff'] = async () => undefined;

function setup(t: ExecutionContext, mode: DeliveryMode = {}) {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const bus = new InProcessBus({ backoff: noBackoff, ...mode });
  const capture = captureLogger();
  const recorder = createRecordDeadLetter({ store, log: capture.logger, now: () => new Date(RECORDED_AT) });
  bus.subscribe({ name: 'record-dead-letter', topic: TOPICS.deadLetters }, recorder);
  return { store, bus, capture, recorder };
}

test('records a poison message dead-lettered by a handler as one letter naming the field', async (t) => {
  const { store, bus, capture } = setup(t, { duplicate: true });
  const notify = createNotifyDiscord({
    bus,
    log: captureLogger().logger,
    now: () => new Date(),
    maxEventAgeMs: 60_000,
    store,
    sink: createOutboxSink({ path: join(tmpdir(), 'sentinel-never-written', 'outbox.jsonl') }),
    testMode: true,
  });
  bus.subscribe({ name: 'notify-discord', topic: TOPICS.events, deadLetterTopic: TOPICS.deadLetters }, notify);
  const good = encodeMessage(signalEventKind, makeCreatedEvent());
  const data = Buffer.from(good.data.toString('utf8').replace(/"eventId":"[^"]+"/, '"eventId":"not-a-uuid"'));
  const messageId = await bus.publish(TOPICS.events, { data, attributes: good.attributes });
  await bus.drain();
  const letters = await store.listDeadLetters(10);
  t.is(letters.length, 1, 'two deliveries of one poison message make one record');
  const [letter] = letters;
  t.is(letter.id, messageId);
  t.is(letter.field, 'eventId');
  t.is(letter.topic, TOPICS.events);
  t.is(letter.subscription, 'notifyDiscord');
  t.is(letter.attempts, 1);
  t.is(letter.data, data.toString('base64'), 'the original bytes, base64, as received');
  t.true(letter.error.includes('field "eventId"'), letter.error);
  t.deepEqual(letter.attributes, good.attributes, 'the original attributes without our bookkeeping');
  t.is(letter.at, RECORDED_AT);
  const errors = capture.entries().filter((entry) => entry.severity === 'ERROR');
  t.is(errors.length, 1, 'one error line per recorded letter');
  t.like(errors[0], { field: 'eventId' });
});

test('records a message the bus dead-lettered after 3 failed deliveries with the attempts and the error', async (t) => {
  const { store, bus } = setup(t);
  let calls = 0;
  bus.subscribe(
    { name: 'archive-analytics', topic: TOPICS.events, maxDeliveryAttempts: 3, deadLetterTopic: TOPICS.deadLetters },
    async () => {
      calls++;
      throw new Error('BigQuery answered 503');
    },
  );
  const message = encodeMessage(signalEventKind, makeCreatedEvent());
  await bus.publish(TOPICS.events, message);
  await bus.drain();
  t.is(calls, 3);
  const letters = await store.listDeadLetters(10);
  t.is(letters.length, 1);
  const [letter] = letters;
  t.is(letter.attempts, 3);
  t.is(letter.error, 'BigQuery answered 503');
  t.is(letter.subscription, 'archive-analytics');
  t.is(letter.field, undefined);
  t.is(letter.data, message.data.toString('base64'));
  t.is(letter.attributes.type, 'signal.created');
  t.is(letter.attributes.CloudPubSubDeadLetterSourceDeliveryCount, '3');
  t.false(
    Object.keys(letter.attributes).some((key) => key.startsWith('sentinel')),
    'no bookkeeping attribute is kept',
  );
});

test('records the same letter twice as one row, logging the error once', async (t) => {
  const { store, recorder, capture } = setup(t);
  const attributes = {
    type: 'signal.created',
    sentinelError: 'field "eventId" is not a UUID',
    sentinelField: 'eventId',
    sourceMessageId: '77',
  };
  const event = pushEventWithData(Buffer.from('{"eventId":"x"}'), attributes, { messageId: '9001', topic: TOPICS.deadLetters });
  await recorder(event);
  await recorder(event);
  t.is((await store.listDeadLetters(10)).length, 1);
  t.is(capture.entries().filter((entry) => entry.severity === 'ERROR').length, 1);
});

test('records a message with no bookkeeping at all, unreadable data included', async (t) => {
  const { store, recorder } = setup(t);
  await recorder(pushEventWithData('%%not base64%%', {}, { messageId: '9002', topic: TOPICS.deadLetters }));
  const [letter] = await store.listDeadLetters(10);
  t.like(letter, { id: '9002', topic: 'unknown', attempts: 1, error: 'delivery failed 1 time', data: '%%not base64%%' });
  t.is(letter.subscription, undefined);
});

test("a letter Pub/Sub's policy dead-lettered names the topic of its subscription and the function whose log has the cause", async (t) => {
  const { store, recorder } = setup(t);
  for (const [messageId, subscription] of [
    ['9101', 'test-archiveAnalytics-push'],
    ['9102', 'projects/sentinel/subscriptions/live-fetchMarketData-push'],
  ])
    await recorder(
      pushEventWithData(
        'e30=',
        { CloudPubSubDeadLetterSourceSubscription: subscription, CloudPubSubDeadLetterSourceDeliveryCount: '5' },
        { messageId, topic: TOPICS.deadLetters },
      ),
    );
  const letters = await store.listDeadLetters(10);
  t.like(
    letters.find((letter) => letter.id === '9101'),
    { topic: TOPICS.events, attempts: 5, error: "delivery failed 5 times (the cause is in archiveAnalytics's log)" },
  );
  t.like(
    letters.find((letter) => letter.id === '9102'),
    { topic: TOPICS.scanRequests, subscription: 'projects/sentinel/subscriptions/live-fetchMarketData-push' },
  );
});

test('records a push event with no message id under a digest of its content', async (t) => {
  const { store, recorder } = setup(t);
  await recorder({ data: { message: { data: 'e30=', attributes: {} } } });
  await recorder({ data: { message: { data: 'e30=', attributes: {} } } });
  const letters = await store.listDeadLetters(10);
  t.is(letters.length, 1);
  t.regex(letters[0].id, /^sha256:[0-9a-f]{64}$/);
});
