import test from 'ava';
import sinon from 'sinon';
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

test('a subscription with concurrency runs that many deliveries at once and queues what they publish in delivery order', async (t) => {
  const bus = new InProcessBus(noWait);
  let running = 0;
  let most = 0;
  const order: string[] = [];
  bus.subscribe({ name: 'parallel', topic: 'in', concurrency: 3 }, async (event) => {
    running++;
    most = Math.max(most, running);
    const body = bodyOf(event);
    // Later messages finish first: the queue must not follow completion order.
    await new Promise((resolve) => setTimeout(resolve, 30 - Number(body) * 5));
    running--;
    await bus.publish('out', message(`from ${body}`));
  });
  bus.subscribe({ name: 'collector', topic: 'out' }, async (event) => void order.push(bodyOf(event)));
  for (const n of ['1', '2', '3', '4', '5']) await bus.publish('in', message(n));
  t.is(await bus.drain(), 10);
  t.is(most, 3);
  t.deepEqual(order, ['from 1', 'from 2', 'from 3', 'from 4', 'from 5']);
});

test("an ordered subscription with concurrency never runs one key's messages together, and keeps each key in order", async (t) => {
  const bus = new InProcessBus(noWait);
  const runningKeys = new Set<string>();
  const seen: string[] = [];
  bus.subscribe({ name: 'ordered', topic: 'in', ordered: true, concurrency: 4 }, async (event) => {
    const key = readPushMessage(event).orderingKey ?? '';
    t.false(runningKeys.has(key), `two messages of ${key} at once`);
    runningKeys.add(key);
    await new Promise((resolve) => setTimeout(resolve, 2));
    runningKeys.delete(key);
    seen.push(bodyOf(event));
  });
  for (const n of [1, 2, 3]) {
    await bus.publish('in', message(`A${n}`, {}, 'A'));
    await bus.publish('in', message(`B${n}`, {}, 'B'));
  }
  await bus.drain();
  t.deepEqual(
    seen.filter((body) => body.startsWith('A')),
    ['A1', 'A2', 'A3'],
  );
  t.deepEqual(
    seen.filter((body) => body.startsWith('B')),
    ['B1', 'B2', 'B3'],
  );
});

test('a failed delivery among concurrent ones is redelivered; the others are acknowledged once', async (t) => {
  const bus = new InProcessBus(noWait);
  const attempts = new Map<string, number>();
  bus.subscribe({ name: 'parallel', topic: 'in', concurrency: 4 }, async (event) => {
    const body = bodyOf(event);
    attempts.set(body, (attempts.get(body) ?? 0) + 1);
    if (body === 'b' && attempts.get(body) === 1) throw new Error('transient');
  });
  for (const body of ['a', 'b', 'c']) await bus.publish('in', message(body));
  await bus.drain();
  t.deepEqual(Object.fromEntries(attempts), { a: 1, b: 2, c: 1 });
  t.is(bus.stats.redelivered, 1);
});

test('a deferrable subscription waits for a full batch when asked to leave it; a plain drain delivers the rest', async (t) => {
  const bus = new InProcessBus(noWait);
  const batches: number[] = [];
  let inFlight = 0;
  bus.subscribe({ name: 'archive', topic: 'events', concurrency: 3, deferrable: true }, async () => {
    inFlight++;
    await Promise.resolve();
    if (inFlight > 0) batches.push(inFlight);
    inFlight = 0;
  });
  const other: string[] = [];
  bus.subscribe({ name: 'notify', topic: 'events' }, async (event) => void other.push(bodyOf(event)));
  for (const body of ['1', '2']) await bus.publish('events', message(body));
  await bus.drain({ leaveDeferrable: true });
  t.deepEqual(other, ['1', '2'], 'other subscriptions are drained');
  t.is(bus.pending, 2, 'two archive deliveries wait for a third');
  await bus.publish('events', message('3'));
  await bus.drain({ leaveDeferrable: true });
  t.is(bus.pending, 0);
  t.deepEqual(batches, [3]);
  await bus.publish('events', message('4'));
  await bus.drain({ leaveDeferrable: true });
  t.is(bus.pending, 1);
  t.is(await bus.drain(), 1);
  t.is(bus.pending, 0);
});

test('a concurrency that is not a whole number of at least 1 is refused, naming the field', (t) => {
  const bus = new InProcessBus();
  t.throws(() => bus.subscribe({ name: 's', topic: 'in', concurrency: 0 }, async () => undefined), {
    message: /concurrency/,
  });
});

test.serial("the stats keep each subscription's deliveries (redeliveries included) and the time its handler took", async (t) => {
  const clock = sinon.useFakeTimers({ toFake: ['performance'] });
  t.teardown(() => clock.restore());
  const bus = new InProcessBus(noWait);
  let failures = 1;
  bus.subscribe({ name: 'slow', topic: 'in' }, async () => {
    clock.tick(25);
    if (failures-- > 0) throw new Error('once');
  });
  bus.subscribe({ name: 'quick', topic: 'in' }, async () => void clock.tick(2));
  await bus.publish('in', message('a'));
  await bus.publish('in', message('b'));
  await bus.drain();
  t.deepEqual(bus.stats.bySubscription.get('slow'), { deliveries: 3, ms: 75 });
  t.deepEqual(bus.stats.bySubscription.get('quick'), { deliveries: 2, ms: 4 });
});

test.serial('deliveries run together count their wall time once, not each', async (t) => {
  const clock = sinon.useFakeTimers({ toFake: ['performance'] });
  t.teardown(() => clock.restore());
  const bus = new InProcessBus(noWait);
  let started = 0;
  bus.subscribe({ name: 'batch', topic: 'in', concurrency: 4 }, async () => {
    // The last of the four to start moves the clock: the batch took 30 ms in all.
    if (++started === 4) clock.tick(30);
  });
  for (const body of ['a', 'b', 'c', 'd']) await bus.publish('in', message(body));
  await bus.drain();
  t.deepEqual(bus.stats.bySubscription.get('batch'), { deliveries: 4, ms: 30 });
});

test('an exported topic hands each message over as published, in queue order, subscriptions of the bus included', async (t) => {
  const bus = new InProcessBus();
  const exported: string[] = [];
  const delivered: string[] = [];
  bus.export('analyses', (out) => exported.push((JSON.parse(out.data.toString()) as { body: string }).body));
  bus.subscribe({ name: 'bars', topic: 'bars', concurrency: 4 }, async (event) => {
    const body = bodyOf(event);
    // The later deliveries finish first; what they publish is still queued (and exported) in delivery order.
    await new Promise((resolve) => setTimeout(resolve, body === 'x' ? 20 : 1));
    await bus.publish('analyses', message(`from ${body}`));
  });
  bus.subscribe({ name: 'seen', topic: 'analyses' }, async (event) => void delivered.push(bodyOf(event)));
  await bus.publish('analyses', message('direct'));
  for (const body of ['x', 'y', 'z']) await bus.publish('bars', message(body, {}, body));
  await bus.drain();
  t.deepEqual(exported, ['direct', 'from x', 'from y', 'from z']);
  t.deepEqual(delivered, exported, 'the bus still delivers them to its own subscription');
  t.throws(() => bus.export('analyses', () => undefined), { message: /"analyses" is exported already/ });
});
