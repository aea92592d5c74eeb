import type { PubSub, Topic } from '@google-cloud/pubsub';
import { InvalidArgumentError, SentinelError } from '../errors/errors.js';
import type { Bus, OutgoingMessage } from './bus.port.js';

/** Pub/Sub did not accept a message (network, quota, a missing topic): transient, so the caller's delivery is retried. */
export class BusPublishError extends SentinelError {
  readonly code = 'BUS.PUBLISH_FAILED';
  constructor(
    readonly topic: string,
    cause: unknown,
  ) {
    super(`publishing on topic "${topic}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** What the Pub/Sub bus is built from. */
export interface PubSubBusOptions {
  /** A client for the project (the emulator when `PUBSUB_EMULATOR_HOST` is set). */
  readonly pubsub: PubSub;
}

/** The production bus, plus `close()` to flush and release the client (scripts; function instances never close). */
export interface PubSubBus extends Bus {
  close(): Promise<void>;
}

/**
 * The bus on Google Cloud Pub/Sub: attributes and ordering keys as given, one cached topic handle per topic
 * (ordering enabled, so keyed messages keep their order), every publish awaited until Pub/Sub returns its id.
 */
export function createPubSubBus(options: PubSubBusOptions): PubSubBus {
  const topics = new Map<string, Topic>();
  const handle = (name: string): Topic => {
    let topic = topics.get(name);
    if (!topic) {
      topic = options.pubsub.topic(name, { messageOrdering: true });
      topics.set(name, topic);
    }
    return topic;
  };
  return {
    async publish(topicName: string, message: OutgoingMessage): Promise<string> {
      if (message.data.length === 0)
        throw new InvalidArgumentError('data', 'is empty: Pub/Sub push cannot deliver an empty message');
      const topic = handle(topicName);
      const { data, attributes, orderingKey } = message;
      try {
        return await topic.publishMessage({ data, attributes: { ...attributes }, ...(orderingKey ? { orderingKey } : {}) });
      } catch (error) {
        // A failed publish pauses its ordering key; resume it so the retried delivery can publish again.
        if (orderingKey) topic.resumePublishing(orderingKey);
        throw new BusPublishError(topicName, error);
      }
    },
    async close(): Promise<void> {
      await Promise.all([...topics.values()].map((topic) => topic.flush()));
      await options.pubsub.close();
    },
  };
}
