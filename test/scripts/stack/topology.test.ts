import test from 'ava';
import { FUNCTIONS, FUNCTION_NAMES, TOPIC_LIST, subscriptionName } from '../../../functions/topology.js';
import type { FunctionName } from '../../../functions/topology.js';
import { provisionTopology, pushEndpoint } from '../../../scripts/stack/topology.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { usePubSubEmulator } from '../../helpers/pubsub-emulator.js';

const emulator = usePubSubEmulator();

test('provisioning creates the topics and push subscriptions with retry, dead-letter, filter and ordering settings', async (t) => {
  const { pubsub, project } = await emulator();
  const endpoints = Object.fromEntries(FUNCTION_NAMES.map((name, i) => [name, `http://127.0.0.1:${9000 + i}`])) as Record<
    FunctionName,
    string
  >;
  const options = {
    environment: 'dev',
    endpoints,
    maxDeliveryAttempts: 7,
    backoff: { minimumSeconds: 1, maximumSeconds: 5 },
  } as const;
  const provisioned = await provisionTopology(pubsub, options);
  const [topics] = await pubsub.getTopics();
  t.deepEqual(topics.map((topic) => topic.name.split('/').at(-1)).sort(), [...TOPIC_LIST].sort());
  for (const row of FUNCTIONS) {
    const name = subscriptionName('dev', row.name);
    const [metadata] = await pubsub.subscription(name).getMetadata();
    const endpoint = pushEndpoint(endpoints[row.name], project, row.trigger);
    t.is(provisioned.pushEndpoints[name], endpoint);
    t.is(metadata.pushConfig?.pushEndpoint, endpoint, `${name} pushes to /projects/P/topics/T`);
    t.is(metadata.topic, `projects/${project}/topics/${row.trigger}`);
    t.is(metadata.ackDeadlineSeconds, row.ackDeadlineSeconds);
    t.is(Number(metadata.retryPolicy?.minimumBackoff?.seconds), 1);
    t.is(Number(metadata.retryPolicy?.maximumBackoff?.seconds), 5);
    t.is(metadata.filter ?? '', row.filter, `${name} filter`);
    t.is(Boolean(metadata.enableMessageOrdering), row.ordered, `${name} ordering`);
    if (row.deadLetter) {
      t.is(metadata.deadLetterPolicy?.deadLetterTopic, `projects/${project}/topics/dead-letters`);
      t.is(metadata.deadLetterPolicy?.maxDeliveryAttempts, 7);
    } else {
      t.falsy(metadata.deadLetterPolicy?.deadLetterTopic, 'the dead-letter feed has no dead-letter policy of its own');
    }
  }
  // Running it again keeps what exists and moves the push endpoints.
  const moved = { ...endpoints, persistState: 'http://127.0.0.1:9999' };
  await provisionTopology(pubsub, { ...options, endpoints: moved });
  const [metadata] = await pubsub.subscription(subscriptionName('dev', 'persistState')).getMetadata();
  t.is(metadata.pushConfig?.pushEndpoint, pushEndpoint('http://127.0.0.1:9999', project, TOPICS.analyses));
});
