import test from 'ava';
import { BusPublishError, createPubSubBus } from '../../../shared/bus/pubsub-bus.js';
import { createPubSubClient, LOCAL_PROJECT_ID, pubsubProjectId, wantsPubSub } from '../../../shared/bus/pubsub-client.js';
import { ConfigError, InvalidArgumentError } from '../../../shared/errors/errors.js';
import { collect, usePubSubEmulator } from '../../helpers/pubsub-emulator.js';

const emulator = usePubSubEmulator();

/** A topic and a pull subscription on it (ordering on), unique to the test. */
async function topicWithSubscription(name: string) {
  const { pubsub } = await emulator();
  const [topic] = await pubsub.createTopic(name);
  const [subscription] = await topic.createSubscription(`${name}-pull`, { enableMessageOrdering: true });
  return collect(subscription);
}

test('publish sends the data, the attributes and the ordering key, and resolves with the message id', async (t) => {
  const { pubsub } = await emulator();
  const pulled = await topicWithSubscription('bus-basic');
  const bus = createPubSubBus({ pubsub });
  const data = Buffer.from('{"schemaVersion":1,"symbol":"BTC/USD"}');
  const id = await bus.publish('bus-basic', {
    data,
    attributes: { type: 'market.bars', symbol: 'BTC/USD' },
    orderingKey: 'BTC/USD',
  });
  const [message] = await pulled.until((messages) => messages.length === 1);
  t.is(message.id, id);
  t.deepEqual(message.data, data);
  t.deepEqual(message.attributes, { type: 'market.bars', symbol: 'BTC/USD' });
  t.is(message.orderingKey, 'BTC/USD');
  await pulled.close();
});

test('messages of one ordering key arrive in publish order; unkeyed ones carry no key', async (t) => {
  const { pubsub } = await emulator();
  const pulled = await topicWithSubscription('bus-order');
  const bus = createPubSubBus({ pubsub });
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    ids.push(
      await bus.publish('bus-order', { data: Buffer.from(`{"n":${i}}`), attributes: { type: 'x' }, orderingKey: 'ETH/USD' }),
    );
  }
  await bus.publish('bus-order', { data: Buffer.from('{"n":"free"}'), attributes: { type: 'y' } });
  const messages = await pulled.until((received) => received.length === 21);
  const keyed = messages.filter((message) => message.orderingKey === 'ETH/USD');
  t.deepEqual(
    keyed.map((message) => message.id),
    ids,
  );
  t.is(messages.find((message) => message.attributes.type === 'y')?.orderingKey, '');
  await pulled.close();
});

test('topic handles are created once per topic and reused', async (t) => {
  const { pubsub } = await emulator();
  const pulled = await topicWithSubscription('bus-cache');
  let handles = 0;
  const counting = new Proxy(pubsub, {
    get: (target, key, receiver) =>
      key === 'topic'
        ? (...args: Parameters<typeof pubsub.topic>) => {
            handles++;
            return target.topic(...args);
          }
        : Reflect.get(target, key, receiver),
  });
  const bus = createPubSubBus({ pubsub: counting });
  for (let i = 0; i < 3; i++) await bus.publish('bus-cache', { data: Buffer.from('{}'), attributes: {} });
  t.is(handles, 1);
  await pulled.until((messages) => messages.length === 3);
  await pulled.close();
});

test('an empty message is refused before Pub/Sub sees it; a missing topic is a BusPublishError naming it', async (t) => {
  const { pubsub } = await emulator();
  const bus = createPubSubBus({ pubsub });
  await t.throwsAsync(bus.publish('bus-cache', { data: Buffer.alloc(0), attributes: {} }), { instanceOf: InvalidArgumentError });
  const error = await t.throwsAsync(bus.publish('no-such-topic', { data: Buffer.from('{}'), attributes: {}, orderingKey: 'K' }), {
    instanceOf: BusPublishError,
  });
  t.regex(error?.message ?? '', /topic "no-such-topic"/);
  t.is(error?.topic, 'no-such-topic');
});

test('the client follows the configuration: emulator host, project, and a clear error with neither', (t) => {
  const gcp = (projectId?: string, pubsubEmulatorHost?: string) => ({
    gcp: { projectId, pubsubEmulatorHost, firestoreEmulatorHost: undefined },
  });
  t.false(wantsPubSub(gcp()));
  t.true(wantsPubSub(gcp(undefined, '127.0.0.1:8681')));
  t.true(wantsPubSub(gcp('my-project')));
  t.is(pubsubProjectId(gcp(undefined, '127.0.0.1:8681')), LOCAL_PROJECT_ID);
  t.is(pubsubProjectId(gcp('my-project', '127.0.0.1:8681')), 'my-project');
  t.throws(() => pubsubProjectId(gcp()), { instanceOf: ConfigError, message: /GOOGLE_CLOUD_PROJECT/ });
  t.is(createPubSubClient(gcp('my-project', '127.0.0.1:8681')).projectId, 'my-project');
});
