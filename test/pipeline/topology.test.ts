import test from 'ava';
import { FUNCTIONS, subscriptionName } from '../../functions/topology.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { signalEventKind } from '../../shared/messages/events.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { makeCreatedEvent } from '../shared/messages/message-factory.js';
import { PIPELINE_ROWS, openHarness } from './harness.js';

test('an event notifyDiscord filters out (hasPrefix(attributes.type, "signal.")) never reaches it', async (t) => {
  const harness = openHarness({});
  t.teardown(() => harness.close());
  const event = makeCreatedEvent();
  const message = encodeMessage(signalEventKind, event);
  // The same valid body under a type the filter rejects: delivered, notifyDiscord would send it.
  await harness.bus.publish(TOPICS.events, { ...message, attributes: { ...message.attributes, type: 'order.filled' } });
  await harness.bus.drain();
  t.is(harness.sink.sends.size, 0, 'nothing sent');
  t.is(harness.observed.deadLetterDeliveries, 0, 'nothing failed either: the handler never saw it');
  t.is(await harness.store.getDelivery(event.eventId, harness.sink.channel), null, 'no delivery claim');

  await harness.bus.publish(TOPICS.events, message);
  await harness.bus.drain();
  t.deepEqual([...harness.sink.sends], [[event.eventId, 1]], 'the same body as signal.created is sent');
});

test('every row the harness runs is subscribed, under its Terraform subscription name', async (t) => {
  const harness = openHarness({});
  t.teardown(() => harness.close());
  t.is(PIPELINE_ROWS.length, 5);
  for (const row of PIPELINE_ROWS) {
    t.throws(
      () => harness.bus.subscribe({ name: subscriptionName('dev', row.name), topic: row.trigger }, async () => undefined),
      {
        message: /exists/,
      },
    );
  }
});

test("Secret Manager's SECRET_ROTATE reaches announceSecretRotation through its row and posts once; version events are filtered out", async (t) => {
  const row = FUNCTIONS.find((r) => r.name === 'announceSecretRotation');
  if (!row) return t.fail('announceSecretRotation is a row of the table');
  const harness = openHarness({ rows: [...PIPELINE_ROWS, row] });
  t.teardown(() => harness.close());
  const notice = (eventType: string) => ({
    data: Buffer.from(JSON.stringify({ name: 'projects/p/secrets/ALPACA_API_KEY' })),
    attributes: { eventType, secretId: 'projects/p/secrets/ALPACA_API_KEY', dataFormat: 'JSON_API_V1' },
  });
  await harness.bus.publish(TOPICS.secretRotations, notice('SECRET_VERSION_ADD'));
  await harness.bus.drain();
  t.is(harness.sink.sends.size, 0, 'a version event never reaches the function');
  await harness.bus.publish(TOPICS.secretRotations, notice('SECRET_ROTATE'));
  await harness.bus.drain();
  t.is(harness.sink.sends.size, 1);
  t.regex([...harness.sink.texts.values()][0], /due for its 90-day rotation/);
  t.is(harness.observed.deadLetterDeliveries, 0);
});
