import type { Config } from '../../shared/config/index.js';
import { BusPublishError, createPubSubBus } from '../../shared/bus/pubsub-bus.js';
import { createPubSubClient, pubsubProjectId } from '../../shared/bus/pubsub-client.js';
import type { OutgoingMessage } from '../../shared/messages/envelope.js';
import { PublishFailedError } from './errors.js';
import type { CliIo } from './io.js';

/** gRPC NOT_FOUND: the topic does not exist in the project. */
const NOT_FOUND = 5;

function hint(error: BusPublishError, config: Pick<Config, 'gcp'>): string {
  const code: unknown = error.cause && typeof error.cause === 'object' ? Reflect.get(error.cause, 'code') : undefined;
  if (code !== NOT_FOUND) return '';
  return config.gcp.pubsubEmulatorHost
    ? ' (start the topology with `npm run sentinel -- stack`, and use the GOOGLE_CLOUD_PROJECT it prints)'
    : ' (deploy the topics with terraform/ first)';
}

/**
 * Publishes one validated message on Pub/Sub (the emulator, or the project's real topic) and reports its message id;
 * the deployed functions take it from there. A publish Pub/Sub refuses is a `PublishFailedError`.
 */
export async function publishOnPubSub(
  config: Pick<Config, 'gcp'>,
  topic: string,
  message: OutgoingMessage,
  io: CliIo,
): Promise<number> {
  const project = pubsubProjectId(config);
  const where = config.gcp.pubsubEmulatorHost
    ? `the Pub/Sub emulator at ${config.gcp.pubsubEmulatorHost}`
    : 'Google Cloud Pub/Sub';
  const bus = createPubSubBus({ pubsub: createPubSubClient(config) });
  try {
    const messageId = await bus.publish(topic, message);
    io.out.write(`Published on projects/${project}/topics/${topic} (${where}): message ${messageId}\n`);
    const attributes = Object.entries(message.attributes).map(([key, value]) => `${key}=${value}`);
    io.out.write(`  attributes ${attributes.join(' ')}${message.orderingKey ? `, ordering key ${message.orderingKey}` : ''}\n`);
    io.out.write('The deployed functions process it; follow their logs (or the events topic) for what it produced.\n');
    return 0;
  } catch (error) {
    if (!(error instanceof BusPublishError)) throw error;
    throw new PublishFailedError(`${error.message} on project ${project}${hint(error, config)}; nothing was published`, {
      cause: error,
    });
  } finally {
    await bus.close();
  }
}
