import type { CreateSubscriptionOptions, PubSub } from '@google-cloud/pubsub';
import { TOPICS } from '../../shared/messages/topics.js';
import { FUNCTIONS, TOPIC_LIST, subscriptionName } from '../../functions/topology.js';
import type { FunctionName, FunctionRow, RetryBackoff } from '../../functions/topology.js';

/** gRPC ALREADY_EXISTS: the topic or subscription is there from an earlier run. */
const ALREADY_EXISTS = 6;

/** Where each function listens and how deliveries are retried. */
export interface TopologyOptions {
  /** The base URL of each function's server, e.g. `http://127.0.0.1:8101`. */
  readonly endpoints: Readonly<Record<FunctionName, string>>;
  /** Names the subscriptions `test-…` (dev) or `live-…` (prod), as Terraform does. */
  readonly environment: 'dev' | 'prod';
  /** Deliveries before a message is dead-lettered (DEAD_LETTER_MAX_ATTEMPTS; Pub/Sub accepts 5–100). */
  readonly maxDeliveryAttempts: number;
  /** Redelivery backoff; each row's own (production's) unless a local run wants it quicker. */
  readonly backoff?: RetryBackoff;
}

/** What was provisioned: the push endpoint of each subscription, by subscription name. */
export interface ProvisionedTopology {
  readonly project: string;
  readonly pushEndpoints: Readonly<Record<string, string>>;
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'code') === ALREADY_EXISTS;
}

/** The push endpoint path functions-framework reads the topic from: `/projects/P/topics/T`. */
export function pushEndpoint(base: string, project: string, topic: string): string {
  return `${base.replace(/\/$/, '')}/projects/${project}/topics/${topic}`;
}

/** The subscription settings of one row of the topology table, as the Pub/Sub API takes them. */
export function subscriptionOptions(
  row: FunctionRow,
  endpoint: string,
  deadLetterTopic: string,
  options: Pick<TopologyOptions, 'maxDeliveryAttempts' | 'backoff'>,
): CreateSubscriptionOptions {
  const backoff = options.backoff ?? row.retry;
  return {
    pushConfig: { pushEndpoint: endpoint },
    ackDeadlineSeconds: row.ackDeadlineSeconds,
    retryPolicy: { minimumBackoff: { seconds: backoff.minimumSeconds }, maximumBackoff: { seconds: backoff.maximumSeconds } },
    ...(row.deadLetter
      ? { deadLetterPolicy: { deadLetterTopic, maxDeliveryAttempts: Math.max(5, options.maxDeliveryAttempts) } }
      : {}),
    ...(row.filter ? { filter: row.filter } : {}),
    ...(row.ordered ? { enableMessageOrdering: true } : {}),
  };
}

/**
 * Creates the topics and push subscriptions of functions/topology.ts (on the emulator, or a project for a local
 * trial), each subscription pushing to its function's server. Existing ones are kept, their push endpoint updated.
 */
export async function provisionTopology(pubsub: PubSub, options: TopologyOptions): Promise<ProvisionedTopology> {
  const project = pubsub.projectId;
  for (const name of TOPIC_LIST) {
    await pubsub.createTopic(name).catch((error: unknown) => {
      if (!isAlreadyExists(error)) throw error;
    });
  }
  const deadLetterTopic = pubsub.topic(TOPICS.deadLetters).name;
  const pushEndpoints: Record<string, string> = {};
  for (const row of FUNCTIONS) {
    const name = subscriptionName(options.environment, row.name);
    const endpoint = pushEndpoint(options.endpoints[row.name], project, row.trigger);
    pushEndpoints[name] = endpoint;
    await pubsub
      .topic(row.trigger)
      .createSubscription(name, subscriptionOptions(row, endpoint, deadLetterTopic, options))
      .catch(async (error: unknown) => {
        if (!isAlreadyExists(error)) throw error;
        await pubsub.subscription(name).modifyPushConfig({ pushEndpoint: endpoint });
      });
  }
  return { project, pushEndpoints };
}
