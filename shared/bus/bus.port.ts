import type { OutgoingMessage } from '../messages/envelope.js';

export type { OutgoingMessage } from '../messages/envelope.js';

/** The publishing side of the message bus: Pub/Sub in production, in-process locally. */
export interface Bus {
  /** Publishes one message and resolves with its message id once the bus has accepted it. */
  publish(topic: string, message: OutgoingMessage): Promise<string>;
}
