import { DecodeError } from '../errors/errors.js';
import { MESSAGE_LIMITS, nestsDeeperThan } from './limits.js';

/** The Pub/Sub message inside a push delivery (`data` is base64). */
export interface PushMessage {
  readonly data: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageId: string;
  readonly publishTime: string;
  readonly orderingKey?: string;
}

/** `cloudEvent.data` of a Pub/Sub push as functions-framework delivers it (`subscription` only via Eventarc). */
export interface PushData {
  readonly message: PushMessage;
  readonly subscription?: string;
  readonly deliveryAttempt?: number;
}

/** Anything shaped like a CloudEvent: only `data` is read, and it is validated, not trusted. */
export interface PushEventLike {
  readonly data?: unknown;
}

/** A push message read leniently (missing parts become empty), so even a poison message can be dead-lettered. */
export interface RawPushMessage extends PushMessage {
  readonly subscription?: string;
  readonly deliveryAttempt?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Attributes are a record of strings; anything else (a value that is not a string included) reads as none. */
function attributesOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const attributes: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const attribute = value[key];
    if (typeof attribute !== 'string') return {};
    attributes[key] = attribute;
  }
  return attributes;
}

/** Reads the message out of a push CloudEvent without throwing: a part of the wrong type reads as missing. */
export function readPushMessage(event: PushEventLike): RawPushMessage {
  const data = isRecord(event.data) ? event.data : {};
  const message = isRecord(data.message) ? data.message : {};
  const orderingKey = text(message.orderingKey);
  const subscription = text(data.subscription);
  const deliveryAttempt = Number.isSafeInteger(data.deliveryAttempt) ? (data.deliveryAttempt as number) : undefined;
  return {
    data: text(message.data) ?? '',
    attributes: attributesOf(message.attributes),
    messageId: text(message.messageId) ?? text(message.message_id) ?? '',
    publishTime: text(message.publishTime) ?? text(message.publish_time) ?? '',
    ...(orderingKey ? { orderingKey } : {}),
    ...(subscription === undefined ? {} : { subscription }),
    ...(deliveryAttempt === undefined ? {} : { deliveryAttempt }),
  };
}

const BASE64_VALUES = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/**
 * The bytes of `text` when it is canonical base64 (what Pub/Sub sends: the standard alphabet, padded, no unused bits
 * set), else undefined. Node's decoder skips characters outside the alphabet and also reads the URL-safe one, so a
 * decode shorter than the length promises, or a `-` or `_`, gives away text that is not.
 */
export function canonicalBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== (text.length / 4) * 3 - padding || text.includes('-') || text.includes('_')) return undefined;
  if (padding > 0) {
    const last = BASE64_VALUES.get(text[text.length - padding - 1]) ?? 1;
    if (last % (padding === 2 ? 16 : 4) !== 0) return undefined;
  }
  return bytes;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON value carried in `message.data`, or a `DecodeError` on field `message.data` saying why there is none. */
export function parsePayload(message: Pick<PushMessage, 'data'>): unknown {
  const fail = (reason: string): never => {
    throw new DecodeError([{ field: 'message.data', reason }]);
  };
  if (message.data === '') return fail('is empty: every message must carry a JSON payload');
  // Checked on the base64 length first, so an oversized message is refused before it is decoded.
  const bytesAtMost = Math.floor((message.data.length * 3) / 4);
  if (bytesAtMost > MESSAGE_LIMITS.payloadBytes + 2) {
    return fail(`is about ${bytesAtMost} bytes, more than the ${MESSAGE_LIMITS.payloadBytes} a message may carry`);
  }
  const bytes = canonicalBase64(message.data);
  if (bytes === undefined) return fail('is not base64');
  let json = '';
  try {
    json = UTF8.decode(bytes);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    fail('is not UTF-8 text');
  }
  if (nestsDeeperThan(json, MESSAGE_LIMITS.depth)) fail(`nests arrays and objects more than ${MESSAGE_LIMITS.depth} deep`);
  try {
    const value: unknown = JSON.parse(json);
    return value;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return fail(`is not JSON (${error.message})`);
  }
}
