import test from 'ava';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import type { OutgoingMessage } from '../../../shared/bus/bus.port.js';
import { readPushMessage } from '../../../shared/messages/envelope.js';
import type { PushCloudEvent } from '../../../shared/testing/events.js';

const noWait = { backoff: async () => undefined };
const message = (body: string, attributes: Record<string, string> = {}, orderingKey?: string): OutgoingMessage => ({
  data: Buffer.from(JSON.stringify({ body })),
  attributes,
  ...(orderingKey ? { orderingKey } : {}),
});
const bodyOf = (event: PushCloudEvent) =>
  (JSON.parse(Buffer.from(readPushMessage(event).data, 'base64').toString()) as { body: string }).body;

/** A deterministic PRNG (mulberry32) so shuffled runs are reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test('delivers the push envelope a Pub/Sub push subscription would, to subscriptions whose filter matches', async (t) => {
  const bus = new InProcessBus();
  const all: string[] = [];
  const tp1Only: string[] = [];
  bus.subscribe({ name: 'all', topic: 'events' }, async (event) => void all.push(bodyOf(event)));
  bus.subscribe({ name: 'tp1', topic: 'events', filter: 'attributes.type = "signal.tp1"' }, async (event) => {
    t.is(event.type, 'google.cloud.pubsub.topic.v1.messagePublished');
    t.is(readPushMessage(event).attributes.type, 'signal.tp1');
    tp1Only.push(bodyOf(event));
  });
  await bus.publish('events', message('a', { type: 'signal.created' }));
  await bus.publish('events', message('b', { type: 'signal.tp1' }));
  await bus.publish('other-topic', message('c', { type: 'signal.tp1' }));
  t.is(await bus.drain(), 3);
  t.deepEqual(all, ['a', 'b']);
  t.deepEqual(tp1Only, ['b']);
});

test('refuses an empty message, as Pub/Sub does', async (t) => {
  const bus = new InProcessBus();
  await t.throwsAsync(bus.publish('events', { data: Buffer.alloc(0), attributes: {} }), { message: /argument "data" is empty/ });
});

test('a thrown handler is redelivered, then dead-lettered with its error after maxDeliveryAttempts', async (t) => {
  const bus = new InProcessBus(noWait);
  let attempts = 0;
  const letters: PushCloudEvent[] = [];
  bus.subscribe({ name: 'flaky', topic: 'in', maxDeliveryAttempts: 3, deadLetterTopic: 'dead' }, async () => {
    attempts++;
    throw new Error('database unavailable');
  });
  bus.subscribe({ name: 'dead-collector', topic: 'dead' }, async (event) => void letters.push(event));
  await bus.publish('in', message('x'));
  await bus.drain();
  t.is(attempts, 3);
  t.is(letters.length, 1);
  const { attributes } = readPushMessage(letters[0]);
  t.is(attributes.CloudPubSubDeadLetterSourceSubscription, 'flaky');
  t.is(attributes.CloudPubSubDeadLetterSourceDeliveryCount, '3');
  t.is(attributes.sentinelError, 'database unavailable');
  t.is(attributes.sentinelTopic, 'in');
  t.regex(attributes.sourceMessageId ?? '', /^[0-9a-f]{8}-1$/, 'the original message id, so a duplicate failure records once');
  t.like(bus.stats, { deadLettered: 1, redelivered: 2 });
});

test('a handler that recovers is not dead-lettered', async (t) => {
  const bus = new InProcessBus(noWait);
  let attempts = 0;
  bus.subscribe({ name: 'recovers', topic: 'in', maxDeliveryAttempts: 5, deadLetterTopic: 'dead' }, async () => {
    if (++attempts < 3) throw new Error('transient');
  });
  await bus.publish('in', message('x'));
  await bus.drain();
  t.is(attempts, 3);
  t.is(bus.stats.deadLettered, 0);
});

test('duplicate mode delivers every message twice; shuffle keeps each ordering key in publish order', async (t) => {
  const bus = new InProcessBus({ duplicate: true, shuffle: true, random: seeded(7) });
  const seen: string[] = [];
  bus.subscribe({ name: 'bars', topic: 'bars', ordered: true }, async (event) => void seen.push(bodyOf(event)));
  for (let i = 0; i < 5; i++) {
    await bus.publish('bars', message(`btc${i}`, {}, 'BTC/USD'));
    await bus.publish('bars', message(`eth${i}`, {}, 'ETH/USD'));
  }
  await bus.drain();
  t.is(seen.length, 20);
  const btc = seen.filter((body) => body.startsWith('btc'));
  t.deepEqual(btc, ['btc0', 'btc0', 'btc1', 'btc1', 'btc2', 'btc2', 'btc3', 'btc3', 'btc4', 'btc4'], 'per-key order holds');
  t.notDeepEqual(seen.slice(0, 4), ['btc0', 'btc0', 'eth0', 'eth0'], 'keys are interleaved, not delivered in publish order');
});

test('message ids are unique across bus instances (runs), as Pub/Sub ids are', async (t) => {
  const ids = await Promise.all([new InProcessBus(), new InProcessBus()].map((bus) => bus.publish('t', message('x'))));
  t.not(ids[0], ids[1]);
});

test('an ordered subscription redelivers a failed message before the next one of its key; other keys go on', async (t) => {
  const bus = new InProcessBus(noWait);
  const seen: string[] = [];
  let failures = 0;
  bus.subscribe({ name: 'ordered', topic: 'bars', ordered: true }, async (event) => {
    const body = bodyOf(event);
    if (body === 'btc0' && failures++ < 2) throw new Error('transient');
    seen.push(body);
  });
  await bus.publish('bars', message('btc0', {}, 'BTC/USD'));
  await bus.publish('bars', message('eth0', {}, 'ETH/USD'));
  await bus.publish('bars', message('btc1', {}, 'BTC/USD'));
  await bus.drain();
  t.deepEqual(
    seen.filter((body) => body.startsWith('btc')),
    ['btc0', 'btc1'],
  );
  t.deepEqual(seen.length, 3);
});

test('an unordered subscription ignores the ordering key: a failed message is retried after the later ones', async (t) => {
  const bus = new InProcessBus(noWait);
  const seen: string[] = [];
  let failed = false;
  bus.subscribe({ name: 'unordered', topic: 'bars' }, async (event) => {
    const body = bodyOf(event);
    if (body === 'btc0' && !failed) {
      failed = true;
      throw new Error('transient');
    }
    seen.push(body);
  });
  await bus.publish('bars', message('btc0', {}, 'BTC/USD'));
  await bus.publish('bars', message('btc1', {}, 'BTC/USD'));
  await bus.drain();
  t.deepEqual(seen, ['btc1', 'btc0']);
});

test('a subscription with a filter Pub/Sub would refuse is refused at subscribe, naming the filter', (t) => {
  const bus = new InProcessBus();
  t.throws(() => bus.subscribe({ name: 'bad', topic: 'events', filter: 'attributes.type ~ "x"' }, async () => undefined), {
    message: /Pub\/Sub filter "attributes.type ~ \\"x\\""/,
  });
});

test("an ordered retry after many deliveries of its key still comes before that key's next message", async (t) => {
  const bus = new InProcessBus(noWait);
  const seen: string[] = [];
  let failed = false;
  bus.subscribe({ name: 'ordered', topic: 'bars', ordered: true }, async (event) => {
    const body = bodyOf(event);
    if (body === 'btc3' && !failed) {
      failed = true;
      throw new Error('transient');
    }
    seen.push(body);
  });
  for (let i = 0; i < 6; i++) await bus.publish('bars', message(`btc${i}`, {}, 'BTC/USD'));
  await bus.drain();
  t.deepEqual(seen, ['btc0', 'btc1', 'btc2', 'btc3', 'btc4', 'btc5']);
});
