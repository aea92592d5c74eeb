import { createHash } from 'node:crypto';
import type { RawPushMessage } from '../../shared/messages/envelope.js';
import { DEAD_LETTER_ATTRIBUTES } from '../../shared/runtime/push-handler.js';
import { rowOfSubscription } from '../topology.js';
import type { DeadLetter } from '../../shared/store/store.port.js';

/** Attributes Pub/Sub (and the in-process bus) put on a message it dead-letters after N failed deliveries. */
export const PUBSUB_DEAD_LETTER_ATTRIBUTES = {
  subscription: 'CloudPubSubDeadLetterSourceSubscription',
  deliveryCount: 'CloudPubSubDeadLetterSourceDeliveryCount',
} as const;

/** The attribute push-handler sets to the poison message's own id, so its copies collapse into one record. */
export const SOURCE_MESSAGE_ID = 'sourceMessageId';

const BOOKKEEPING = new Set<string>([...Object.values(DEAD_LETTER_ATTRIBUTES), SOURCE_MESSAGE_ID]);
const MAX_ID_LENGTH = 200;

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

function deliveryCount(raw: string | undefined): number | undefined {
  const count = Number(raw);
  return raw !== undefined && Number.isInteger(count) && count >= 1 ? count : undefined;
}

/** The original's id when it fits the store; otherwise a digest of the message, so any message can be recorded. */
function letterId(message: RawPushMessage): string {
  const id = nonEmpty(message.attributes[SOURCE_MESSAGE_ID]) ?? nonEmpty(message.messageId);
  if (id !== undefined && id.length <= MAX_ID_LENGTH) return id;
  const digest = createHash('sha256').update(message.data).update(JSON.stringify(message.attributes)).digest('hex');
  return `sha256:${digest}`;
}

/**
 * Reads a message off the dead-letter topic, whoever put it there: push-handler's poison copy
 * (`sentinel*` attributes naming the error, field, function and topic) or Pub/Sub after N failed
 * deliveries (`CloudPubSubDeadLetterSource*`). Never throws: every message becomes a record.
 */
export function deadLetterOf(message: RawPushMessage, at: string): DeadLetter {
  const { attributes } = message;
  const count = deliveryCount(attributes[PUBSUB_DEAD_LETTER_ATTRIBUTES.deliveryCount]);
  const attempts = count ?? 1;
  const subscription =
    nonEmpty(attributes[PUBSUB_DEAD_LETTER_ATTRIBUTES.subscription]) ?? nonEmpty(attributes[DEAD_LETTER_ATTRIBUTES.source]);
  const field = nonEmpty(attributes[DEAD_LETTER_ATTRIBUTES.field]);
  // Pub/Sub names only the subscription that gave up: its row says the topic and the function whose log has the cause.
  const row = subscription === undefined ? undefined : rowOfSubscription(subscription);
  const kept = Object.fromEntries(Object.entries(attributes).filter(([key]) => !BOOKKEEPING.has(key)));
  return {
    id: letterId(message),
    topic: nonEmpty(attributes[DEAD_LETTER_ATTRIBUTES.topic]) ?? row?.trigger ?? 'unknown',
    ...(subscription === undefined ? {} : { subscription }),
    messageId: message.messageId,
    attributes: kept,
    data: message.data,
    error:
      nonEmpty(attributes[DEAD_LETTER_ATTRIBUTES.error]) ??
      `delivery failed ${attempts} ${attempts === 1 ? 'time' : 'times'}${row ? ` (the cause is in ${row.name}'s log)` : ''}`,
    ...(field === undefined ? {} : { field }),
    attempts,
    at,
  };
}
