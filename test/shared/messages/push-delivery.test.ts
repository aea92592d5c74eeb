import { once } from 'node:events';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { decodePushEvent, encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import type { PushEventLike } from '../../../shared/messages/envelope.js';
import { HandlerFailedError } from '../../../shared/runtime/guard-handler.js';
import { pushEndpoint } from '../../../shared/runtime/push-endpoint.js';
import { marketBarsKind } from '../../../shared/messages/market-bars.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { makeMarketBars } from './message-factory.js';

const received: PushEventLike[] = [];
functions.http(
  'probeMarketBars',
  pushEndpoint(async (event) => {
    if (readPushMessage(event).attributes.fail === 'yes') throw new HandlerFailedError('probeMarketBars', 'Error', undefined);
    received.push(event);
  }),
);

/** Posts `body` to the probe through functions-framework. */
async function push(t: ExecutionContext, body: unknown, method = 'POST'): Promise<Response> {
  const server = getTestServer('probeMarketBars').listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => server.close());
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return fetch(`http://127.0.0.1:${port}/projects/crypto-sentinel/topics/market-bars`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
  });
}

test('a real push delivery through functions-framework decodes like the test event, its delivery metadata kept', async (t) => {
  const payload = makeMarketBars();
  const message = encodeMessage(marketBarsKind, payload);
  const body = {
    message: {
      data: message.data.toString('base64'),
      attributes: message.attributes,
      messageId: '2070443601311540',
      message_id: '2070443601311540',
      publishTime: '2024-03-04T12:00:05.123Z',
      orderingKey: 'BTC/USD',
    },
    subscription: 'projects/crypto-sentinel/subscriptions/market-bars-push',
    deliveryAttempt: 5,
  };
  const response = await push(t, body);
  t.is(response.status, 204, 'acknowledged');
  const event = received.at(-1);
  if (event === undefined) return t.fail('nothing received');
  const viaFramework = decodePushEvent(marketBarsKind.schema, event);
  const viaTestEvent = decodePushEvent(
    marketBarsKind.schema,
    pushEventFor(marketBarsKind, payload, { messageId: '2070443601311540', publishTime: '2024-03-04T12:00:05.123Z' }),
  );
  t.deepEqual(viaFramework.payload, viaTestEvent.payload);
  t.deepEqual(viaFramework.attributes, viaTestEvent.attributes);
  t.is(viaFramework.messageId, viaTestEvent.messageId);
  t.is(viaFramework.publishTime, viaTestEvent.publishTime);
  // What a CloudEvent made by functions-framework would have lost: executeOrders reads deliveryAttempt.
  t.like(readPushMessage(event), {
    deliveryAttempt: 5,
    subscription: 'projects/crypto-sentinel/subscriptions/market-bars-push',
    orderingKey: 'BTC/USD',
  });
});

test('a handler that throws nacks the push (500, Pub/Sub redelivers) with the guarded text; a GET is not a push', async (t) => {
  const message = encodeMessage(marketBarsKind, makeMarketBars());
  const failing = await push(t, {
    message: {
      data: message.data.toString('base64'),
      attributes: { fail: 'yes' },
      messageId: '9',
      publishTime: '2024-03-04T12:00:05Z',
    },
    subscription: 'projects/crypto-sentinel/subscriptions/market-bars-push',
  });
  t.is(failing.status, 500);
  t.regex(await failing.text(), /^probeMarketBars failed with Error; the redacted error is in the log line before$/);
  const before = received.length;
  t.is((await push(t, undefined, 'GET')).status, 405);
  t.is(received.length, before, 'the handler never saw the GET');
});

test('reading a malformed push event never throws, so a poison message can still be dead-lettered', (t) => {
  for (const data of [undefined, null, 42, 'text', { message: 'x' }, { message: { data: 7, attributes: { a: 1 } } }]) {
    t.deepEqual(readPushMessage({ data }), { data: '', attributes: {}, messageId: '', publishTime: '' });
  }
});

test('reading a push event keeps its delivery metadata', (t) => {
  const event = pushEventFor(marketBarsKind, makeMarketBars(), { messageId: '77', subscription: 'projects/p/subscriptions/s' });
  const raw = readPushMessage(event);
  t.is(raw.messageId, '77');
  t.is(raw.subscription, 'projects/p/subscriptions/s');
  t.is(raw.orderingKey, 'BTC/USD');
  t.is(raw.attributes.symbol, 'BTC/USD');
  t.true(raw.data.length > 0);
});
