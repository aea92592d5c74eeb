import test from 'ava';
import type { DeliveryMode } from '../../shared/bus/in-process-bus.js';
import { countByType, openHarness, outcomeOf, replay, seededRandom, SLICE, tempDir } from './harness.js';
import type { Harness, RunOutcome } from './harness.js';

interface Run {
  readonly harness: Harness;
  readonly outcome: RunOutcome;
}

const dir = tempDir();
test.after.always(() => dir.remove());

async function runSlice(name: string, mode?: DeliveryMode): Promise<Run> {
  const harness = openHarness({ path: `${dir.path}/${name}.db`, ...(mode ? { mode } : {}) });
  try {
    await replay(harness.bus, SLICE);
    return { harness, outcome: await outcomeOf(harness, SLICE.symbols) };
  } finally {
    await harness.close();
  }
}

/** First-arrival order of each event id. */
const firstArrivals = (arrivals: readonly string[]) => [...new Set(arrivals)];

const clean = runSlice('clean');

test('the clean run of the slice holds every kind of transition, each event published and sent once', async (t) => {
  const { harness, outcome } = await clean;
  const types = countByType(harness.observed.events);
  t.log(types);
  t.true((types['signal.created'] ?? 0) >= 10, 'several signals');
  t.true((types['signal.rejected'] ?? 0) >= 10, 'rejected shadows');
  t.true((types['signal.tp1'] ?? 0) >= 2, 'TP1s');
  t.true((types['signal.tp2'] ?? 0) >= 1, 'TP2s');
  t.true((types['signal.stopped'] ?? 0) >= 2, 'stops');
  t.true((types['signal.invalidated'] ?? 0) >= 2, 'invalidations');
  t.true((types['signal.expired'] ?? 0) >= 3, 'expiries (time stops after 5 bars)');
  t.true(
    (types['signal.trailed'] ?? 0) >= 1,
    'a runner whose stop the chandelier lifted (TP3 fills are covered by the lifecycle tests)',
  );
  t.is(outcome.signals.length, types['signal.created']);
  t.is(outcome.notifications.length, outcome.events.length, 'one notification per event');
  t.true(outcome.deliveries.every(([, record]) => record?.state === 'sent' && record.attempts === 1));
  t.true(
    [...harness.observed.publishes.values()].every((ids) => ids.size === 1),
    'each event published once',
  );
  t.is(outcome.pendingOutbox, 0);
  t.is(outcome.deadLetters, 0);
  t.deepEqual(harness.observed.conflicts, []);
});

for (const seed of [7, 20240611]) {
  test.serial(`every message delivered twice and shuffled (seed ${seed}) ends exactly like the clean run`, async (t) => {
    const baseline = await clean;
    const { harness, outcome } = await runSlice(`shuffled-${seed}`, {
      duplicate: true,
      shuffle: true,
      random: seededRandom(seed),
    });
    const { stats } = harness.bus;
    t.true(stats.delivered >= 2 * stats.published, 'every message was delivered at least twice');
    t.notDeepEqual(
      firstArrivals(harness.observed.arrivals),
      firstArrivals(baseline.harness.observed.arrivals),
      'the shuffle changed the order events arrived in',
    );
    t.deepEqual(outcome.signals, baseline.outcome.signals, 'same signals in the store');
    t.deepEqual(outcome.events, baseline.outcome.events, 'same events published (eventId → payload)');
    t.deepEqual(outcome.notifications, baseline.outcome.notifications, 'same notifications (eventId → text)');
    t.deepEqual(outcome.deliveries, baseline.outcome.deliveries, 'same delivery record for every event');
    t.deepEqual(
      [...harness.sink.sends].filter(([, count]) => count !== 1),
      [],
      'each event sent exactly once although delivered twice',
    );
    t.true(
      [...harness.observed.publishes.values()].every((ids) => ids.size === 1),
      'each event published once',
    );
    t.deepEqual(harness.observed.conflicts, []);
    t.is(outcome.pendingOutbox, 0);
    t.is(outcome.deadLetters, 0);
    t.is(stats.redelivered, 0, 'no handler failed');
  });
}
