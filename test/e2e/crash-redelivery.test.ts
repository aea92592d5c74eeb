import test from 'ava';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { collect } from '../helpers/pubsub-emulator.js';
import { eventually, scanFor, useE2eStack } from './e2e-stack.js';

// persistState crashes once between its Firestore write (signal + outbox) and its publish; notifyDiscord fails
// once before acting. Both answer 500, so the emulator redelivers; the effects must still happen exactly once.
const e2e = useE2eStack({
  envFor: {
    persistState: { SENTINEL_FAULT: 'persistState:after-write:once' },
    notifyDiscord: { SENTINEL_FAULT: 'notifyDiscord:act:once' },
  },
});

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.serial(
  'a crash between the store write and the publish, then redelivery: one signal, one event, one notification',
  async (t) => {
    const { bus, events, trades, firestore, lines, notificationCount } = await e2e();
    await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, scanFor('2024-02-09')));
    const [event] = await events.until((received) => received.length >= 1, 60_000);
    t.is(event.attributes.type, 'signal.created');
    await eventually('the notification', () => (notificationCount() >= 1 ? true : undefined));
    await settle(4000); // longer than the emulator's redelivery backoff: any duplicate would have arrived by now

    t.is(
      lines('persistState').filter((line) => line.includes('injected fault at persistState:after-write')).length,
      1,
      'it did crash once',
    );
    t.true(
      lines('notifyDiscord').some((line) => line.includes('injected fault at notifyDiscord:act')),
      'notify did fail once',
    );
    t.is(events.messages.length, 1, 'one event on the bus');
    t.is((await firestore.collection('test_signals').get()).size, 1, 'one signal document');
    const outbox = await firestore.collection('test_outbox').get();
    t.is(outbox.size, 1);
    t.true(outbox.docs[0].get('published'), 'the outbox entry is marked published after the redelivery');
    // Paper trading acts on the signal too (simulated broker); each of its events is notified once as well.
    t.true(
      trades.messages.some((message) => message.attributes.type === 'trade.filled'),
      'the simulated entry filled',
    );
    t.is((await firestore.collection('test_deliveries').get()).size, 1 + trades.messages.length, 'one delivery record per event');
    t.is(notificationCount(), 1 + trades.messages.length, 'one notification per event');
  },
);

test.serial('the same scan published again (a replay) creates no signal, event or notification', async (t) => {
  const { bus, stack, events, trades, firestore, notificationCount } = await e2e();
  const tradesBefore = trades.messages.length;
  const notificationsBefore = notificationCount();
  const analyses = collect((await stack.pubsub.topic(TOPICS.analyses).createSubscription('e2e-analyses'))[0]);
  try {
    await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, scanFor('2024-02-09')));
    await analyses.until((received) => received.length >= 1, 30_000);
    await settle(4000); // persistState takes the analysis; a new event would reach the observer by now
  } finally {
    await analyses.close();
  }
  t.is(events.messages.length, 1);
  t.is((await firestore.collection('test_signals').get()).size, 1);
  t.is(trades.messages.length, tradesBefore, 'no order event either');
  t.is(notificationCount(), notificationsBefore);
});
