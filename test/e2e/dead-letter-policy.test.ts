import test from 'ava';
import { subscriptionName } from '../../functions/topology.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { eventually, scanFor, useE2eStack } from './e2e-stack.js';

const ATTEMPTS = 5;
// fetchMarketData fails every delivery (a transient-looking error, answered 500): Pub/Sub's dead-letter policy,
// not the handler, must move the message to `dead-letters` after the configured attempts. (Its subscription is
// unordered: the emulator never dead-letters on an ordered subscription, which real Pub/Sub does.)
const e2e = useE2eStack({
  maxDeliveryAttempts: ATTEMPTS,
  envFor: { fetchMarketData: { SENTINEL_FAULT: 'fetchMarketData:act:always' } },
});

test('a message that keeps failing is dead-lettered by the subscription after the configured attempts and recorded', async (t) => {
  const { bus, deadLetters, events, store, lines } = await e2e();
  await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, scanFor('2024-02-09')));
  const [letter] = await deadLetters.until((received) => received.length >= 1, 90_000);
  t.is(letter.attributes.CloudPubSubDeadLetterSourceSubscription, subscriptionName('dev', 'fetchMarketData'));
  t.is(letter.attributes.CloudPubSubDeadLetterSourceDeliveryCount, String(ATTEMPTS));
  t.is(letter.attributes.type, 'scan.request');
  t.deepEqual(JSON.parse(letter.data.toString('utf8')), scanFor('2024-02-09'), 'the original data, unchanged');
  t.is(lines('fetchMarketData').filter((line) => line.includes('injected fault at fetchMarketData:act')).length, ATTEMPTS);
  // On a loaded machine the emulator's push to recordDeadLetter can come late (30 s was once not enough in CI).
  const recorded = await eventually(
    'the dead-letter record',
    async () => (await store.listDeadLetters(10))[0],
    60_000,
    () => `recordDeadLetter's last lines:\n${lines('recordDeadLetter').slice(-20).join('\n')}`,
  );
  t.like(recorded, { attempts: ATTEMPTS, subscription: subscriptionName('dev', 'fetchMarketData') });
  t.is(events.messages.length, 0, 'nothing reached the events topic');
});
