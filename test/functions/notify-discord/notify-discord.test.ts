import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { DeliveryInProgressError } from '../../../shared/store/delivery-in-progress.js';
import { createNotifyDiscord } from '../../../functions/notify-discord/index.js';
import type { NotificationSink } from '../../../functions/notify-discord/notification-sink.port.js';
import { createOutboxSink } from '../../../functions/notify-discord/outbox-sink.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { accountSnapshotEventKind } from '../../../shared/messages/account-snapshot-event.js';
import { readPushMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventFor, pushEventWithJson } from '../../../shared/testing/events.js';
import type { PushCloudEvent } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';
import { makeCreatedEvent } from '../../shared/messages/message-factory.js';
import { accountSnapshotOf } from '../../shared/analytics/analytics-events.js';
import { makeSignal } from '../persist-state/signal-factory.js';

const PUBLISHED = '2024-03-04T12:00:10.000Z';
const LEASE_MS = 30_000;
const MAX_AGE_MS = 3_600_000;

/** A sink that fails its first `failures` sends (as Discord answering 503 would), then writes to `inner`. */
function failingFirst(inner: NotificationSink, failures: number): NotificationSink {
  let left = failures;
  return {
    channel: inner.channel,
    send: async (notification) => {
      if (left-- > 0) throw new Error('Discord answered 503');
      return inner.send(notification);
    },
  };
}

function setup(t: ExecutionContext, options: { failures?: number } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'notify-'));
  const outboxPath = join(folder, 'outbox.jsonl');
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const bus = new InProcessBus();
  const deadLetters: PushCloudEvent[] = [];
  bus.subscribe({ name: 'dead-letter-collector', topic: TOPICS.deadLetters }, async (event) => {
    deadLetters.push(event);
  });
  const clock = { ms: Date.parse(PUBLISHED) + 5_000 };
  const capture = captureLogger();
  const sink = failingFirst(createOutboxSink({ path: outboxPath }), options.failures ?? 0);
  const handler = createNotifyDiscord({
    bus,
    log: capture.logger,
    now: () => new Date(clock.ms),
    maxEventAgeMs: MAX_AGE_MS,
    store,
    sink,
    testMode: true,
    leaseMs: LEASE_MS,
  });
  const outboxLines = (): string[] =>
    existsSync(outboxPath)
      ? readFileSync(outboxPath, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
      : [];
  return { store, bus, deadLetters, clock, capture, handler, outboxLines };
}

const event = makeCreatedEvent();
const delivery = (messageId: string, publishTime = PUBLISHED) => pushEventFor(signalEventKind, event, { messageId, publishTime });

test('delivers one event as one outbox line and records it sent with the message id', async (t) => {
  const { store, handler, outboxLines } = setup(t);
  await handler(delivery('1001'));
  const lines = outboxLines();
  t.is(lines.length, 1);
  t.true(lines[0].includes('[TEST] BULLISH ENGULFING detected on BTC/USD'), lines[0]);
  const record = await store.getDelivery(event.eventId, 'outbox');
  t.is(record?.state, 'sent');
  t.is(record?.messageId, `outbox:${event.eventId}`);
});

test('acknowledges a second delivery of a sent event without sending again', async (t) => {
  const { handler, outboxLines, capture } = setup(t);
  await handler(delivery('1001'));
  await t.notThrowsAsync(handler(delivery('1002')), 'a republished copy (new message id, same event id) is acked');
  t.is(outboxLines().length, 1);
  t.true(capture.entries().some((entry) => entry.severity === 'DEBUG' && String(entry.message).includes('already sent')));
});

test('sends once when two deliveries of one event race; the loser throws to be retried', async (t) => {
  const { handler, outboxLines } = setup(t);
  const results = await Promise.allSettled([handler(delivery('1001')), handler(delivery('1001'))]);
  t.is(outboxLines().length, 1);
  t.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
  const rejected = results.find((result) => result.status === 'rejected');
  t.true(
    rejected?.status === 'rejected' && rejected.reason instanceof DeliveryInProgressError,
    'the loser is told to retry later',
  );
  await handler(delivery('1001'));
  t.is(outboxLines().length, 1, 'the retry of the loser finds it sent');
});

test('rethrows a failed send and releases its claim, so the redelivery sends it at once', async (t) => {
  const { store, handler, outboxLines } = setup(t, { failures: 1 });
  await t.throwsAsync(handler(delivery('1001')), { message: 'Discord answered 503' });
  t.is((await store.getDelivery(event.eventId, 'outbox'))?.messageId, null);
  t.is(outboxLines().length, 0);
  await handler(delivery('1001'));
  t.is(outboxLines().length, 1, 'no need to wait for the lease');
  t.is((await store.getDelivery(event.eventId, 'outbox'))?.state, 'sent');
});

test('a claim left by a delivery that crashed mid-send holds until its lease expires, then the event is sent once', async (t) => {
  const { store, handler, outboxLines, clock } = setup(t);
  t.is(await store.claimDelivery(event.eventId, 'outbox', new Date(clock.ms).toISOString(), LEASE_MS), 'claimed');
  clock.ms += LEASE_MS - 1_000;
  await t.throwsAsync(handler(delivery('1001')), { instanceOf: DeliveryInProgressError }, 'the lease still holds');
  t.is(outboxLines().length, 0);
  clock.ms += 2_000;
  await handler(delivery('1001'));
  t.is(outboxLines().length, 1);
  const record = await store.getDelivery(event.eventId, 'outbox');
  t.is(record?.state, 'sent');
  t.is(record?.attempts, 2);
  await handler(delivery('1001'));
  t.is(outboxLines().length, 1, 'sent exactly once in all');
});

test('an account snapshot on `events` is acknowledged untouched: nothing sent, nothing dead-lettered', async (t) => {
  const { bus, handler, outboxLines, deadLetters } = setup(t);
  await handler(
    pushEventFor(accountSnapshotEventKind, accountSnapshotOf('2024-03-06T23:55:00.000Z', 99_800), { publishTime: PUBLISHED }),
  );
  await bus.drain();
  t.is(outboxLines().length, 0);
  t.is(deadLetters.length, 0);
});

test('dead-letters a poison event naming the field, sends nothing and does not throw', async (t) => {
  const { store, bus, deadLetters, handler, outboxLines, capture } = setup(t);
  const signal = makeSignal();
  const poison = pushEventWithJson(
    { ...makeCreatedEvent(), signal: { ...signal, entry: '62k' } },
    { messageId: '1001', publishTime: PUBLISHED },
  );
  await t.notThrowsAsync(handler(poison));
  await bus.drain();
  t.is(outboxLines().length, 0);
  t.is(await store.getDelivery(event.eventId, 'outbox'), null, 'no claim is taken for a poison message');
  t.is(deadLetters.length, 1);
  const { attributes, data } = readPushMessage(deadLetters[0]);
  t.is(attributes.sentinelField, 'signal.entry');
  t.is(attributes.sentinelSource, 'notifyDiscord');
  t.is(attributes.sentinelTopic, TOPICS.events);
  t.is(attributes.sourceMessageId, '1001');
  t.is(data, readPushMessage(poison).data, 'the copy carries the original bytes');
  t.is(capture.entries().filter((entry) => entry.severity === 'ERROR').length, 1, 'one clear error line');
});

test('drops a stale event without sending or claiming it', async (t) => {
  const { store, handler, outboxLines, clock } = setup(t);
  const publishTime = new Date(clock.ms - MAX_AGE_MS - 1_000).toISOString();
  await t.notThrowsAsync(handler(delivery('1001', publishTime)));
  t.is(outboxLines().length, 0);
  t.is(await store.getDelivery(event.eventId, 'outbox'), null);
});
