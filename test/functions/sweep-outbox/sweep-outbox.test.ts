import test from 'ava';
import { createSweepOutbox } from '../../../functions/sweep-outbox/index.js';
import { createdEvent } from '../../../functions/persist-state/event-messages.js';
import { FUNCTIONS, SCHEDULES } from '../../../functions/topology.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import { maintenanceRequestKind } from '../../../shared/messages/maintenance-request.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { captureLogger } from '../../shared/log/capture.js';
import { makeSignal } from '../persist-state/signal-factory.js';

test('the outbox sweep publishes an event a state change wrote and no relay published, once; other tasks pass it by', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const signal = makeSignal();
  // persistState wrote the signal and its event, then its publish failed: the event waits in the outbox.
  t.is(await store.createSignalIfAbsent(signal, [createdEvent(signal)]), 'created');
  const bus = new InProcessBus();
  const published: string[] = [];
  bus.subscribe(
    { name: 'observer', topic: TOPICS.events },
    async (event) => void published.push(readPushMessage(event).attributes.type ?? ''),
  );
  const log = captureLogger();
  bus.subscribe(
    { name: 'sweepOutbox', topic: TOPICS.maintenance },
    createSweepOutbox({ bus, log: log.logger, now: () => new Date('2024-03-05T00:10:00Z'), maxEventAgeMs: 3_600_000, store }),
  );
  const request = (task: 'reconcile' | 'outbox-sweep') => encodeMessage(maintenanceRequestKind, { schemaVersion: 1, task });
  await bus.publish(TOPICS.maintenance, request('reconcile'));
  await bus.drain();
  t.deepEqual(published, [], 'another task does not sweep');
  await bus.publish(TOPICS.maintenance, request('outbox-sweep'));
  await bus.publish(TOPICS.maintenance, request('outbox-sweep'));
  await bus.drain();
  t.deepEqual(published, ['signal.created'], 'published once: the first sweep marked it');
  t.deepEqual(await store.pendingOutbox(10), []);
  t.true(log.entries().some((line) => line.severity === 'WARNING' && /published 1 event/.test(String(line.message))));
});

test('the sweep runs on Google Cloud: its Scheduler job asks for the task its function subscribes to', (t) => {
  const row = FUNCTIONS.find((r) => r.name === 'sweepOutbox');
  const job = SCHEDULES.find((s) => s.key === 'outbox-sweep');
  t.is(row?.trigger, TOPICS.maintenance);
  t.is(job?.topic, TOPICS.maintenance);
  t.is<string | undefined, string>(row?.filter, `attributes.task = "${job?.attributes.task ?? ''}"`);
  t.like(job?.payload, { task: 'outbox-sweep' });
  t.deepEqual([...(row?.publishes ?? [])].sort(), [TOPICS.deadLetters, TOPICS.events].sort());
});
