import { once } from 'node:events';
import * as functions from '@google-cloud/functions-framework';
import type { CloudEvent } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import test from 'ava';
import { decodePushEvent, encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import { marketBarsKind } from '../../../shared/messages/market-bars.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { makeMarketBars } from './message-factory.js';

const received: CloudEvent<unknown>[] = [];
functions.cloudEvent('probeMarketBars', (event: CloudEvent<unknown>) => {
  received.push(event);
});

test('a real push delivery through functions-framework decodes like the test event', async (t) => {
  const payload = makeMarketBars();
  const message = encodeMessage(marketBarsKind, payload);
  const server = getTestServer('probeMarketBars').listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => server.close());
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
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
  };
  const response = await fetch(`http://127.0.0.1:${port}/projects/crypto-sentinel/topics/market-bars`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  t.true(response.ok, `functions-framework answered ${response.status}`);
  t.is(received.length, 1);
  const viaFramework = decodePushEvent(marketBarsKind.schema, received[0]);
  const viaTestEvent = decodePushEvent(
    marketBarsKind.schema,
    pushEventFor(marketBarsKind, payload, { messageId: '2070443601311540', publishTime: '2024-03-04T12:00:05.123Z' }),
  );
  t.deepEqual(viaFramework.payload, viaTestEvent.payload);
  t.deepEqual(viaFramework.attributes, viaTestEvent.attributes);
  t.is(viaFramework.messageId, viaTestEvent.messageId);
  t.is(viaFramework.publishTime, viaTestEvent.publishTime);
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
