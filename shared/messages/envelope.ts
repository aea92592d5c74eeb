import type { z } from 'zod';
import type { DeepReadonly } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { decodeValue, toCheckedJson } from './json-document.js';
import { jsonOf } from './json-text.js';
import { parsePayload, readPushMessage } from './push-message.js';
import type { PushEventLike } from './push-message.js';

/** The push wire shapes and the lenient reader live in push-message.ts; handlers import them from here. */
export type { PushData, PushEventLike, PushMessage, RawPushMessage } from './push-message.js';
export { readPushMessage } from './push-message.js';

/** A message as it is published: JSON bytes plus the attributes subscriptions filter on. */
export interface OutgoingMessage {
  readonly data: Buffer;
  readonly attributes: Readonly<Record<string, string>>;
  /** Messages with the same key are delivered in publish order (the symbol, on per-symbol topics). */
  readonly orderingKey?: string;
}

/** A message taken off a push subscription: the validated payload and the delivery metadata. */
export interface DecodedMessage<T> {
  readonly payload: T;
  readonly messageId: string;
  readonly publishTime: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly subscription?: string;
  readonly deliveryAttempt?: number;
}

// `task`: the maintenance consumers' filters read it (attributes.task = "reconcile"...), as Cloud Scheduler sets it.
const ATTRIBUTE_FIELDS = ['type', 'symbol', 'assetClass', 'timeframe', 'schemaVersion', 'task'] as const;

/**
 * Serialises a payload for publishing. Unless the kind opts out, the JSON is decoded again with the kind's
 * schema first, so a message its consumer would dead-letter is refused here (`InvalidArgumentError` naming the field).
 */
export function encodeMessage<S extends z.ZodType>(kind: MessageKind<S>, payload: DeepReadonly<z.output<S>>): OutgoingMessage {
  const written = kind.toJson?.(payload);
  const json = written?.json ?? (kind.checkOnEncode === false ? jsonOf(payload) : toCheckedJson(kind.schema, payload, 'payload'));
  const attributes = attributesOf(payload, kind.type);
  if (written) attributes.schemaVersion = String(written.schemaVersion);
  const orderingKey = kind.orderedBySymbol ? attributes.symbol : undefined;
  return { data: Buffer.from(json, 'utf8'), attributes, ...(orderingKey ? { orderingKey } : {}) };
}

/** The attributes subscriptions filter on, as strings, read from a payload (`type` falls back to the kind's). */
export function attributesOf(payload: unknown, fallbackType: string): Record<string, string> {
  const attributes: Record<string, string> = { type: fallbackType };
  if (typeof payload !== 'object' || payload === null) return attributes;
  for (const field of ATTRIBUTE_FIELDS) {
    const value: unknown = Reflect.get(payload, field);
    if (typeof value === 'string' || typeof value === 'number') attributes[field] = String(value);
  }
  return attributes;
}

/**
 * Decodes the push CloudEvent functions-framework hands a handler (`data.message.data`, base64 JSON)
 * with `schema`. Any failure — no data, not base64, not JSON, a bad field — throws one `DecodeError`
 * naming every bad field, so the handler can dead-letter the message and ack it.
 */
export function decodePushEvent<S extends z.ZodType>(schema: S, event: PushEventLike): DecodedMessage<z.output<S>> {
  const raw = readPushMessage(event);
  const wire = parsePayload(raw);
  return {
    payload: decodeValue(schema, wire, 'message.data'),
    messageId: raw.messageId,
    publishTime: raw.publishTime,
    attributes: raw.attributes,
    ...(raw.subscription === undefined ? {} : { subscription: raw.subscription }),
    ...(raw.deliveryAttempt === undefined ? {} : { deliveryAttempt: raw.deliveryAttempt }),
  };
}
