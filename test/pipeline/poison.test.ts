import test from 'ava';
import type { ExecutionContext } from 'ava';
import { generateCandidates } from '../../functions/generate-signals/candidates/index.js';
import type { NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import { openSignal } from '../../functions/persist-state/admission.js';
import { createdEvent } from '../../functions/persist-state/event-messages.js';
import { walkForward } from '../../scripts/replay/walk-forward.js';
import type { DeliveryMode } from '../../shared/bus/in-process-bus.js';
import type { Signal } from '../../shared/domain/signal.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import { TOPICS } from '../../shared/messages/topics.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { barsOf, dailySeries, eventIdOf, failingFirst, openHarness, replay, storedSignals } from './harness.js';
import type { Harness } from './harness.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const btc = dailySeries('BTC/USD');
const bars = barsOf(btc);

/** A real `signal.created` event: the BTC/USD setup of 2024-02-08, as persistState would publish it. */
function realCreatedEvent() {
  const end = bars.findIndex((bar) => bar.timestamp === '2024-02-08T00:00:00Z');
  const now = new Date(Date.parse(bars[end].timestamp) + 86_400_000);
  const [candidate] = generateCandidates('BTC/USD', 'CRYPTO', '1Day', bars.slice(0, end + 1), now).candidates;
  if (!candidate) throw new Error('no BTC/USD candidate on 2024-02-08');
  return createdEvent(openSignal(candidate, now));
}

/** Three poison messages, one per pipeline stage, each with the field the dead letter must name. */
function poisonMessages() {
  const window = bars.slice(1000, 1100).map((bar) => ({ ...bar }));
  const broken = window[70];
  window[70] = { ...broken, low: Math.max(broken.open, broken.close) + 1 };
  const asOf = new Date(Date.parse(window[99].timestamp) + 86_400_000).toISOString();
  return [
    {
      topic: TOPICS.scanRequests,
      field: /^timeframe$/,
      message: {
        data: json({ schemaVersion: 1, timeframe: '1D', universe: 'all', symbols: ['BTC/USD'], asOf }),
        attributes: { type: 'scan.request' },
      },
    },
    {
      topic: TOPICS.marketBars,
      field: /^bars\.70\.low$/,
      message: {
        data: json({
          schemaVersion: 1,
          requestId: 'poison-bars',
          symbol: 'BTC/USD',
          assetClass: 'CRYPTO',
          timeframe: '1Day',
          asOf,
          bars: window,
        }),
        attributes: { type: 'market.bars', symbol: 'BTC/USD' },
        orderingKey: 'BTC/USD',
      },
    },
    {
      topic: TOPICS.events,
      field: /^eventId$/,
      message: {
        data: json({ ...realCreatedEvent(), eventId: 'not-a-uuid' }),
        attributes: { type: 'signal.created', symbol: 'BTC/USD' },
      },
    },
  ] as const;
}

async function assertNothingElseWritten(t: ExecutionContext, harness: Harness): Promise<void> {
  t.deepEqual(await harness.store.listSignals(), [], 'no signal');
  t.deepEqual(await harness.store.pendingOutbox(100), [], 'no outbox entry');
  t.is(await harness.store.getDelivery('not-a-uuid', harness.sink.channel), null, 'no delivery record');
  t.is(harness.sink.sends.size, 0, 'nothing sent');
  t.deepEqual([...harness.observed.events.keys()], ['not-a-uuid'], 'no event published besides the poison one');
}

for (const [label, mode] of [
  ['', {}],
  [' even when every message is delivered twice', { duplicate: true }],
] as const satisfies readonly (readonly [string, DeliveryMode])[]) {
  test(`a bad scan request, bad bars and a bad event each become one dead-letter record naming the field${label}`, async (t) => {
    const harness = openHarness({ mode });
    t.teardown(() => harness.close());
    const poisons = poisonMessages();
    const messageIds: string[] = [];
    for (const poison of poisons) messageIds.push(await harness.bus.publish(poison.topic, poison.message));
    await harness.bus.drain();

    t.is(harness.bus.stats.redelivered, 0, 'no handler threw');
    t.is(harness.bus.stats.deadLettered, 0, 'nothing reached the dead-letter topic by exhausting its deliveries');
    const letters = await harness.store.listDeadLetters(100);
    t.is(letters.length, poisons.length, 'one record per poison message');
    poisons.forEach((poison, k) => {
      const letter = letters.find((candidate) => candidate.id === messageIds[k]);
      t.truthy(letter, `the ${poison.topic} message is recorded`);
      t.is(letter?.topic, poison.topic);
      t.regex(letter?.field ?? '', poison.field);
      t.is(letter?.data, poison.message.data.toString('base64'), 'the original bytes are kept');
    });
    await assertNothingElseWritten(t, harness);
    if (!mode.duplicate) {
      const poisonLogs = harness.logs.filter((line) => line.includes('poison message dead-lettered'));
      t.is(poisonLogs.length, poisons.length, 'one clear error per poison message');
      poisons.forEach((poison, k) => t.regex(poisonLogs[k], new RegExp(`"field":"${poison.field.source.slice(1, -1)}"`)));
    }
  });
}

// A stretch of BTC/USD 2023 with signals and their lifecycle events.
const RANGE = { symbols: ['BTC/USD'], from: new Date('2023-01-01T00:00:00Z'), to: new Date('2023-09-30T00:00:00Z') };
const engineSignals = walkForward(btc, bars, { ...RANGE }).signals;

test('a store write that fails twice is retried and succeeds, with no dead letter and the clean result', async (t) => {
  let flakyCalls = () => 0;
  const harness = openHarness({
    wrapStore: (store): StateStore => {
      const flaky = failingFirst(2, (signal: Signal, events: readonly SignalEvent[]) =>
        store.createSignalIfAbsent(signal, events),
      );
      flakyCalls = flaky.calls;
      return { ...store, createSignalIfAbsent: flaky.call };
    },
  });
  t.teardown(() => harness.close());
  await replay(harness.bus, RANGE);

  t.true(engineSignals.length >= 2, 'the range creates signals');
  t.is(flakyCalls(), engineSignals.length + 2, 'two failed calls, then one per signal');
  t.is(harness.bus.stats.redelivered, 2, 'the analysis was redelivered twice');
  t.is(harness.bus.stats.deadLettered, 0);
  t.deepEqual(await harness.store.listDeadLetters(100), []);
  t.deepEqual(await storedSignals(harness.store, RANGE.symbols), engineSignals);
  t.is(harness.sink.sends.size, harness.observed.events.size, 'every event notified');
  t.deepEqual(
    [...harness.sink.sends.values()].filter((count) => count !== 1),
    [],
    'each exactly once',
  );
});

test('a notification send that fails twice is retried and sent once, with no dead letter', async (t) => {
  let sendCalls = 0;
  const harness = openHarness({
    wrapSink: (sink): NotificationSink => {
      const wrapper = failingFirst(
        2,
        (notification: Parameters<NotificationSink['send']>[0]) => sink.send(notification),
        'Discord answered 503',
      );
      return {
        channel: sink.channel,
        send: (notification) => {
          sendCalls++;
          return wrapper.call(notification);
        },
      };
    },
  });
  t.teardown(() => harness.close());
  await replay(harness.bus, RANGE);

  const events = harness.observed.events.size;
  t.true(events >= 4, 'the range publishes events');
  t.is(sendCalls, events + 2, 'two failed sends, then one per event');
  t.is(harness.bus.stats.redelivered, 2);
  t.is(harness.bus.stats.deadLettered, 0);
  t.deepEqual(await harness.store.listDeadLetters(100), []);
  t.is(harness.sink.sends.size, events, 'every event notified');
  t.deepEqual(
    [...harness.sink.sends.values()].filter((count) => count !== 1),
    [],
    'each exactly once',
  );
  for (const eventId of harness.observed.events.keys()) {
    t.is((await harness.store.getDelivery(eventId, harness.sink.channel))?.state, 'sent', eventId);
  }
  t.deepEqual(await storedSignals(harness.store, RANGE.symbols), engineSignals);
});

test('a send that always fails ends on the dead-letter topic after maxDeliveryAttempts, once per event; signals are kept', async (t) => {
  const maxDeliveryAttempts = 5;
  const harness = openHarness({
    maxDeliveryAttempts,
    wrapSink: (sink): NotificationSink => ({
      channel: sink.channel,
      send: async () => {
        throw new Error('Discord answered 503');
      },
    }),
  });
  t.teardown(() => harness.close());
  await replay(harness.bus, RANGE);

  const events = harness.observed.events.size;
  t.true(events >= 4, 'the range publishes events');
  t.is(harness.bus.stats.deadLettered, events, 'every event gave up once');
  t.is(harness.bus.stats.redelivered, events * (maxDeliveryAttempts - 1));
  const letters = await harness.store.listDeadLetters(100);
  t.is(letters.length, events, 'one record per event');
  const lettered = letters.map((letter) => {
    t.is(letter.subscription, 'test-notifyDiscord-push');
    t.is(letter.attempts, maxDeliveryAttempts);
    t.regex(letter.error, /Discord answered 503/);
    return eventIdOf(Buffer.from(letter.data, 'base64').toString('utf8'));
  });
  t.deepEqual(lettered.sort(), [...harness.observed.events.keys()].sort(), 'the dead letters are the events, unchanged');
  t.is(harness.sink.sends.size, 0);
  t.deepEqual(await storedSignals(harness.store, RANGE.symbols), engineSignals, 'a notification failure never touches a signal');
});
