import type { z } from 'zod';
import { InvalidArgumentError, InvalidBarError, DecodeError } from '../errors/errors.js';
import { decodePushEvent, readPushMessage } from '../messages/envelope.js';
import type { DecodedMessage, PushEventLike } from '../messages/envelope.js';
import type { MessageKind } from '../messages/message-kind.js';
import { TOPICS } from '../messages/topics.js';
import type { Bus } from '../bus/bus.port.js';
import type { Logger } from '../log/logger.js';
import type { FaultPoint } from './fault.js';
import { redactText } from '../log/redact-text.js';

/** What every push handler needs from its instance. */
export interface HandlerContext {
  readonly bus: Bus;
  readonly log: Logger;
  /** The wall clock (sinon's fake clock in tests). */
  readonly now: () => Date;
  /** Messages published longer ago than this are acknowledged and dropped (DESIGN §2). */
  readonly maxEventAgeMs: number;
  /** Test-only failure injection (SENTINEL_FAULT); absent in production. */
  readonly fault?: FaultPoint;
}

// Pub/Sub refuses an empty message, so the copy of one says what it was.
const EMPTY_ORIGINAL = Buffer.from('{"sentinel":"the original message had no data"}');

/** Errors that no redelivery can cure: the message itself is bad. */
function isPoison(error: unknown): error is DecodeError | InvalidBarError | InvalidArgumentError {
  return error instanceof DecodeError || error instanceof InvalidBarError || error instanceof InvalidArgumentError;
}

/** Attribute names a dead-lettered copy carries, read back by the dead-letter recorder. */
export const DEAD_LETTER_ATTRIBUTES = {
  error: 'sentinelError',
  field: 'sentinelField',
  source: 'sentinelSource',
  topic: 'sentinelTopic',
} as const;

/**
 * Wraps a function's action as a push handler: decode → validate → act. A poison message (bad field, bad
 * bars) is logged once with the field, copied to the dead-letter topic and acknowledged; a stale one is
 * dropped; anything else thrown propagates, so Pub/Sub redelivers with backoff and dead-letters at last.
 */
export function createPushHandler<S extends z.ZodType>(
  name: string,
  kind: Pick<MessageKind<S>, 'schema' | 'topic'>,
  ctx: HandlerContext,
  act: (payload: z.output<S>, message: DecodedMessage<z.output<S>>) => Promise<void>,
): (event: PushEventLike) => Promise<void> {
  return async (event) => {
    let message: DecodedMessage<z.output<S>> | undefined;
    try {
      message = decodePushEvent(kind.schema, event);
      const age = ctx.now().getTime() - Date.parse(message.publishTime);
      if (age > ctx.maxEventAgeMs) {
        ctx.log.warn('dropped a stale message', { function: name, messageId: message.messageId, ageMs: age });
        return;
      }
      ctx.fault?.(`${name}:act`);
      await act(message.payload, message);
    } catch (error) {
      if (!isPoison(error)) throw error;
      await deadLetter(name, kind.topic, event, error, ctx);
    }
  };
}

function badField(error: DecodeError | InvalidBarError | InvalidArgumentError): string {
  if (error instanceof DecodeError) return error.field;
  if (error instanceof InvalidBarError) return `bars.${error.index}.${error.field}`;
  return error.argument;
}

async function deadLetter(
  name: string,
  topic: string,
  event: PushEventLike,
  error: DecodeError | InvalidBarError | InvalidArgumentError,
  ctx: HandlerContext,
): Promise<void> {
  const raw = readPushMessage(event);
  const field = badField(error);
  ctx.log.error(`poison message dead-lettered: ${error.message}`, { function: name, messageId: raw.messageId, field });
  await ctx.bus.publish(TOPICS.deadLetters, {
    data: raw.data === '' ? EMPTY_ORIGINAL : Buffer.from(raw.data, 'base64'),
    attributes: {
      ...raw.attributes,
      [DEAD_LETTER_ATTRIBUTES.error]: redactText(error.message).slice(0, 1000),
      [DEAD_LETTER_ATTRIBUTES.field]: field,
      [DEAD_LETTER_ATTRIBUTES.source]: name,
      [DEAD_LETTER_ATTRIBUTES.topic]: topic,
      sourceMessageId: raw.messageId,
    },
  });
}
