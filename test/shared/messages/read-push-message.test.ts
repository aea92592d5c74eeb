import test from 'ava';
import fc from 'fast-check';
import { z } from 'zod';
import { readPushMessage } from '../../../shared/messages/envelope.js';

// The oracle: the lenient reading as a zod schema (each part that is not of its type reads as missing).
const text = z.string().optional().catch(undefined);
const Oracle = z
  .object({
    message: z
      .object({
        data: text,
        attributes: z.record(z.string(), z.string()).catch({}),
        messageId: text,
        message_id: text,
        publishTime: text,
        publish_time: text,
        orderingKey: text,
      })
      .catch({ attributes: {} }),
    subscription: text,
    deliveryAttempt: z.number().int().optional().catch(undefined),
  })
  .catch({ message: { attributes: {} } });

function oracle(data: unknown) {
  const { message, subscription, deliveryAttempt } = Oracle.parse(data);
  return {
    data: message.data ?? '',
    attributes: message.attributes,
    messageId: message.messageId ?? message.message_id ?? '',
    publishTime: message.publishTime ?? message.publish_time ?? '',
    ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
    ...(subscription === undefined ? {} : { subscription }),
    ...(deliveryAttempt === undefined ? {} : { deliveryAttempt }),
  };
}

const part = fc.oneof(
  fc.string(),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string()),
);
const attributes = fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.dictionary(fc.string(), part), part);
const message = fc.oneof(
  fc.record(
    {
      data: part,
      attributes,
      messageId: part,
      message_id: part,
      publishTime: part,
      publish_time: part,
      orderingKey: part,
      extra: part,
    },
    { requiredKeys: [] },
  ),
  part,
);
const pushData = fc.oneof(
  fc.record(
    { message, subscription: part, deliveryAttempt: fc.oneof(part, fc.integer({ min: 1, max: 100 })) },
    { requiredKeys: [] },
  ),
  part,
  fc.anything(),
);

test('a push event reads as the lenient schema reads it, whatever the shape of each part', (t) => {
  fc.assert(
    fc.property(pushData, (data) => t.deepEqual(readPushMessage({ data }), oracle(data))),
    { numRuns: 5000 },
  );
});

test('a well-formed push event reads whole; a non-string attribute reads as no attributes', (t) => {
  const data = {
    message: {
      data: 'e30=',
      attributes: { type: 'analysis' },
      messageId: '7',
      publishTime: '2024-01-01T00:00:00Z',
      orderingKey: 'BTC/USD',
    },
    subscription: 'projects/p/subscriptions/s',
    deliveryAttempt: 2,
  };
  t.deepEqual(readPushMessage({ data }), { ...data.message, subscription: data.subscription, deliveryAttempt: 2 });
  t.deepEqual(readPushMessage({ data: { message: { attributes: { type: 'a', n: 1 } } } }).attributes, {});
  t.deepEqual(readPushMessage({ data: { message: { message_id: '8', publish_time: 'x' } } }), {
    data: '',
    attributes: {},
    messageId: '8',
    publishTime: 'x',
  });
});
