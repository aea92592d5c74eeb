import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { provisionTopology, pushEndpoint } from '../../../scripts/stack/topology.js';
import {
  ACK_DEADLINE_SECONDS,
  FUNCTION_NAMES,
  PRODUCTION_BACKOFF,
  SUBSCRIPTION_SPECS,
  TOPIC_SPECS,
  subscriptionName,
} from '../../../scripts/stack/topology-spec.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { usePubSubEmulator } from '../../helpers/pubsub-emulator.js';

const emulator = usePubSubEmulator();
const terraform = (file: string) => readFileSync(fileURLToPath(new URL(`../../../terraform/${file}`, import.meta.url)), 'utf8');

test('the spec has one subscription per function, on the topics the code publishes to', (t) => {
  t.deepEqual(SUBSCRIPTION_SPECS.map((spec) => spec.target).sort(), [...FUNCTION_NAMES].sort());
  t.deepEqual([...TOPIC_SPECS].sort(), Object.values(TOPICS).sort());
  t.deepEqual(
    SUBSCRIPTION_SPECS.filter((spec) => !spec.deadLetter).map((spec) => spec.topic),
    [TOPICS.deadLetters],
    'every subscription dead-letters except the dead-letter feed',
  );
});

test('Terraform declares the same functions, topics, filters and ordering as the spec, with its names, ack deadline and backoff', (t) => {
  const locals = terraform('locals.tf');
  for (const spec of SUBSCRIPTION_SPECS) {
    const line = new RegExp(
      `^\\s+${spec.target}\\s+= \\{ topic = "([^"]+)", filter = "((?:[^"\\\\]|\\\\.)*)", ordered = (true|false)`,
      'm',
    ).exec(locals);
    t.truthy(line, `${spec.target} is in terraform/locals.tf`);
    t.is(line?.[1], spec.topic, `${spec.target} topic`);
    t.is(line?.[2]?.replace(/\\"/g, '"'), spec.filter ?? '', `${spec.target} filter`);
    t.is(line?.[3], String(spec.ordered), `${spec.target} ordering`);
  }
  const functions = terraform('functions.tf');
  t.regex(functions, /name\s+= "\$\{local\.prefix\}-\$\{each\.key\}-push"/, 'test-<fn>-push / live-<fn>-push, as subscriptionName()');
  t.regex(functions, new RegExp(`ack_deadline_seconds\\s+= ${ACK_DEADLINE_SECONDS}\\b`));
  t.regex(functions, new RegExp(`minimum_backoff = "${PRODUCTION_BACKOFF.minimumSeconds}s"`));
  t.regex(functions, new RegExp(`maximum_backoff = "${PRODUCTION_BACKOFF.maximumSeconds}s"`));
  t.regex(functions, /push_endpoint = ".*\/projects\/\$\{var\.project_id\}\/topics\/\$\{each\.value\.topic\}"/);
  t.is(subscriptionName('dev', 'persistState'), 'test-persistState-push');
  t.is(subscriptionName('prod', 'persistState'), 'live-persistState-push');
});

test('provisioning creates the topics and push subscriptions with retry, dead-letter, filter and ordering settings', async (t) => {
  const { pubsub, project } = await emulator();
  const endpoints = Object.fromEntries(FUNCTION_NAMES.map((name, i) => [name, `http://127.0.0.1:${9000 + i}`])) as Record<
    (typeof FUNCTION_NAMES)[number],
    string
  >;
  const options = { environment: 'dev', endpoints, maxDeliveryAttempts: 7, backoff: { minimumSeconds: 1, maximumSeconds: 5 } } as const;
  const provisioned = await provisionTopology(pubsub, options);
  const [topics] = await pubsub.getTopics();
  t.deepEqual(topics.map((topic) => topic.name.split('/').at(-1)).sort(), [...TOPIC_SPECS].sort());
  for (const spec of SUBSCRIPTION_SPECS) {
    const name = subscriptionName('dev', spec.target);
    const [metadata] = await pubsub.subscription(name).getMetadata();
    const endpoint = pushEndpoint(endpoints[spec.target], project, spec.topic);
    t.is(provisioned.pushEndpoints[name], endpoint);
    t.is(metadata.pushConfig?.pushEndpoint, endpoint, `${name} pushes to /projects/P/topics/T`);
    t.is(metadata.topic, `projects/${project}/topics/${spec.topic}`);
    t.is(metadata.ackDeadlineSeconds, ACK_DEADLINE_SECONDS);
    t.is(Number(metadata.retryPolicy?.minimumBackoff?.seconds), 1);
    t.is(Number(metadata.retryPolicy?.maximumBackoff?.seconds), 5);
    t.is(metadata.filter ?? '', spec.filter ?? '', `${name} filter`);
    t.is(Boolean(metadata.enableMessageOrdering), spec.ordered, `${name} ordering`);
    if (spec.deadLetter) {
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
