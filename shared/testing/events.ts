import type { CloudEvent } from '@google-cloud/functions-framework';
import type { z } from 'zod';
import { attributesOf, encodeMessage } from '../messages/envelope.js';
import type { OutgoingMessage, PushData } from '../messages/envelope.js';
import type { DeepReadonly } from '../messages/fields.js';
import type { MessageKind } from '../messages/message-kind.js';

/** The CloudEvent type functions-framework gives a handler for a Pub/Sub push. */
export const PUBSUB_EVENT_TYPE = 'google.cloud.pubsub.topic.v1.messagePublished';

/** Where and when a message is delivered; every field has a realistic default. */
export interface DeliveryOptions {
  readonly topic?: string;
  readonly project?: string;
  readonly subscription?: string;
  readonly messageId?: string;
  readonly publishTime?: string;
}

/** A push CloudEvent exactly as a `cloudEvent` handler receives it. */
export type PushCloudEvent = CloudEvent<PushData>;

let nextMessageId = 4_000_000_000_000_000;

/** Wraps a published message into the push CloudEvent a subscriber of `topic` gets (used by the in-process bus). */
export function pushEventOf(message: OutgoingMessage, options: DeliveryOptions = {}): PushCloudEvent {
  return cloudEventOf(message.data.toString('base64'), message.attributes, message.orderingKey, options);
}

function cloudEventOf(
  base64: string,
  attributes: Readonly<Record<string, string>>,
  orderingKey: string | undefined,
  options: DeliveryOptions,
): PushCloudEvent {
  const project = options.project ?? 'crypto-sentinel-local';
  const topic = options.topic ?? 'events';
  const messageId = options.messageId ?? String(nextMessageId++);
  const publishTime = options.publishTime ?? new Date().toISOString();
  return {
    specversion: '1.0',
    id: messageId,
    source: `//pubsub.googleapis.com/projects/${project}/topics/${topic}`,
    type: PUBSUB_EVENT_TYPE,
    time: publishTime,
    datacontenttype: 'application/json',
    data: {
      message: { data: base64, attributes: { ...attributes }, messageId, publishTime, ...(orderingKey ? { orderingKey } : {}) },
      subscription: options.subscription ?? `projects/${project}/subscriptions/${topic}-push`,
    },
  };
}

/** The push CloudEvent of a valid payload, encoded as a publisher would (attributes, ordering key, topic). */
export function pushEventFor<S extends z.ZodType>(
  kind: MessageKind<S>,
  payload: DeepReadonly<z.output<S>>,
  options: DeliveryOptions = {},
): PushCloudEvent {
  return pushEventOf(encodeMessage(kind, payload), { topic: kind.topic, ...options });
}

/** The push CloudEvent of any JSON value, unvalidated: how tests send a poison payload. */
export function pushEventWithJson(value: unknown, options: DeliveryOptions = {}): PushCloudEvent {
  const json = JSON.stringify(value) ?? '';
  return pushEventOf({ data: Buffer.from(json, 'utf8'), attributes: attributesOf(value, 'unknown') }, options);
}

/** The push CloudEvent of raw `data`: bytes are base64-encoded, a string is sent as the base64 text itself. */
export function pushEventWithData(
  data: Buffer | string,
  attributes: Readonly<Record<string, string>> = {},
  options: DeliveryOptions = {},
): PushCloudEvent {
  const base64 = typeof data === 'string' ? data : data.toString('base64');
  return cloudEventOf(base64, attributes, undefined, options);
}
