import test from 'ava';
import { createSecretRotationNotice } from '../../../functions/notify-discord/secret-rotation/index.js';
import type { Notification, NotificationSink } from '../../../functions/notify-discord/notification-sink.port.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventOf } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';

/** Secret Manager's notification as it lands on the rotation topic. */
function rotationEvent(eventType: string, secretId: string, messageId: string) {
  const data = Buffer.from(JSON.stringify({ name: secretId, rotation: { rotationPeriod: '7776000s' } }));
  return pushEventOf(
    { data, attributes: { eventType, secretId, dataFormat: 'JSON_API_V1' } },
    { topic: 'secret-rotations', messageId },
  );
}

function setup(testMode: boolean) {
  const sent: Notification[] = [];
  const sink: NotificationSink = {
    channel: 'discord',
    channelFor: (route) => route,
    send: async (n) => (sent.push(n), { messageId: `m${sent.length}` }),
  };
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  const handler = createSecretRotationNotice({
    store,
    sink,
    log: captureLogger().logger,
    now: () => new Date('2026-11-30T08:00:00Z'),
    testMode,
  });
  return { sent, store, handler };
}

test('a SECRET_ROTATE notification posts "rotate NAME now" on the system route, once per notification', async (t) => {
  const { sent, store, handler } = setup(false);
  t.teardown(() => store.close());
  const event = rotationEvent('SECRET_ROTATE', 'projects/sentinel-prod/secrets/ALPACA_API_KEY', '111');
  await handler(event);
  await handler(event);
  t.is(sent.length, 1, 'a redelivery posts nothing');
  t.is(sent[0].route, 'system');
  t.is(sent[0].title, '🔑 Rotate ALPACA_API_KEY now');
  t.regex(sent[0].text, /Alpaca dashboard/);
  t.is(sent[0].type, 'system');
});

test('in test mode the notice goes to the test route; other Secret Manager events are acknowledged without a post', async (t) => {
  const { sent, store, handler } = setup(true);
  t.teardown(() => store.close());
  await handler(rotationEvent('SECRET_VERSION_ADD', 'projects/p/secrets/TEST_DISCORD_WEBHOOK', '1'));
  await handler(rotationEvent('SECRET_ROTATE', 'not a secret id', '2'));
  t.is(sent.length, 0);
  await handler(rotationEvent('SECRET_ROTATE', 'projects/p/secrets/TEST_DISCORD_WEBHOOK', '3'));
  t.is(sent[0].route, 'test');
  t.is(sent[0].title, '[TEST] 🔑 Rotate TEST_DISCORD_WEBHOOK now');
  t.regex(sent[0].text, /new webhook/);
});
