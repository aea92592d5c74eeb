import test from 'ava';
import type { Message } from '@google-cloud/pubsub';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { eventually, scanFor, useE2eStack } from './e2e-stack.js';

const e2e = useE2eStack();
test.serial.before('the stack is up', async () => {
  await e2e();
});

interface EventSeen {
  readonly type: string;
  readonly eventId: string;
  readonly signalId: string;
}

const seen = (message: Message): EventSeen => {
  const { type, eventId, signalId } = JSON.parse(message.data.toString('utf8')) as EventSeen;
  return { type, eventId, signalId };
};

/**
 * The lifecycle of the BTC/USD belt hold of 2024-02-08, one scan at a time, as the replay of the same days shows it:
 * the bar of 2024-02-09 reaches TP1 and falls back to the new breakeven stop (the worst case of an ambiguous bar).
 */
const SCANS = [
  { day: '2024-02-09', types: ['signal.created'] },
  { day: '2024-02-10', types: ['signal.tp1', 'signal.stopped'] },
] as const;
const STEPS = SCANS.flatMap((scan) => scan.types.map((type) => ({ day: scan.day, type })));

test.serial(
  'scan requests through Pub/Sub push, functions-framework, Firestore and Discord: created, TP1, breakeven stop',
  async (t) => {
    const { bus, events, trades, store, firestore, discord, alpaca } = await e2e();
    for (const scan of SCANS) {
      const before = events.messages.length;
      await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, scanFor(scan.day)));
      const messages = await events.until((received) => received.length >= before + scan.types.length, 45_000);
      const types = messages.slice(before).map((message) => seen(message).type);
      t.deepEqual(types, [...scan.types], `the scan of ${scan.day}`);
      t.deepEqual(
        messages.slice(before).map((message) => message.attributes.type),
        [...scan.types],
        'the type attribute subscriptions filter on',
      );
    }
    const all = events.messages.map(seen);
    t.is(new Set(all.map((event) => event.eventId)).size, STEPS.length, 'no event twice');
    t.is(new Set(all.map((event) => event.signalId)).size, 1, 'one signal throughout');

    // Firestore: one signal document, ended; every outbox entry published; one sent delivery per event.
    const signal = await store.getSignal(all[0].signalId);
    t.like(signal, { symbol: 'BTC/USD', pattern: 'BULLISH_BELT_HOLD', status: 'STOPPED', exitReason: 'BREAKEVEN_STOP' });
    t.is((await firestore.collection('test_signals').get()).size, 1);
    const outbox = await firestore.collection('test_outbox').get();
    t.is(outbox.size, STEPS.length);
    t.true(outbox.docs.every((doc) => doc.get('published') === true));
    t.deepEqual(await store.pendingOutbox(10), []);
    // Paper trading acted on the signal on the simulated broker (its subscription is unordered, so what it did depends
    // on the order the events arrived in); every one of its events is notified once, like the signal's.
    await trades.until((received) => received.length >= 1, 45_000);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const notified = STEPS.length + trades.messages.length;
    const deliveries = await eventually('a delivery record per event', async () => {
      const docs = (await firestore.collection('test_deliveries').get()).docs;
      return docs.length >= notified ? docs : undefined;
    });
    t.is(deliveries.length, notified);
    for (const event of all) {
      t.is(deliveries.filter((doc) => doc.id.startsWith(event.eventId)).length, 1, `one delivery of ${event.type}`);
    }

    // Discord: one message per event, the new signal posted with wait=true, nothing left to the console sink.
    const { notificationCount } = await e2e();
    await eventually('a notification per event', () => (notificationCount() >= notified ? true : undefined));
    t.is(notificationCount(), notified);
    const posts = discord.requests.filter((request) => request.method === 'POST' && request.status < 300);
    t.true(posts.length >= 1 && posts.some((request) => request.query.wait === 'true'), 'posted to the local Discord');
    t.true(
      alpaca.requests.some((request) => request.endpoint === 'crypto-bars' && request.status === 200),
      'bars came from Alpaca',
    );
    // archiveAnalytics writes the stack's DuckDB file (no BigQuery on the emulators): no delivery of it failed.
    const { lines } = await e2e();
    t.deepEqual(
      lines('archiveAnalytics').filter((line) => /"severity":"(ERROR|WARNING)"|Error:/.test(line)),
      [],
      'archiveAnalytics archived every event',
    );
  },
);

test.serial(
  'a poison message is dead-lettered by its handler with the bad field, logged and recorded in Firestore',
  async (t) => {
    const { stack, deadLetters, store, lines } = await e2e();
    const bad = { ...scanFor('2024-02-09'), timeframe: '1D' };
    const messageId = await stack.pubsub
      .topic(TOPICS.scanRequests)
      .publishMessage({ json: bad, attributes: { type: 'scan.request' } });
    const [letter] = await deadLetters.until((received) => received.some((m) => m.attributes.sourceMessageId === messageId));
    t.is(letter.attributes.sentinelField, 'timeframe');
    t.is(letter.attributes.sentinelSource, 'fetchMarketData');
    t.deepEqual(JSON.parse(letter.data.toString('utf8')), bad, 'the original data, unchanged');
    const logged = lines('fetchMarketData').find((line) => line.includes('poison message dead-lettered'));
    t.truthy(logged, 'fetchMarketData logs the poison message');
    t.regex(logged ?? '', /"field":"timeframe"/);
    const recorded = await eventually('the dead-letter record', async () =>
      (await store.listDeadLetters(20)).find((record) => record.id === messageId),
    );
    t.like(recorded, { topic: TOPICS.scanRequests, field: 'timeframe', subscription: 'fetchMarketData', attempts: 1 });
    t.regex(recorded.error, /timeframe/);
  },
);
