import test from 'ava';
import sinon from 'sinon';
import { createdEvent } from '../../../functions/persist-state/event-messages.js';
import { createPersistState } from '../../../functions/persist-state/index.js';
import { lifecyclePolicy } from '../../../functions/persist-state/policy.js';
import type { Bus, OutgoingMessage } from '../../../shared/bus/bus.port.js';
import { analysisKind } from '../../../shared/messages/analysis.js';
import type { Analysis } from '../../../shared/messages/analysis.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { captureLogger } from '../../shared/log/capture.js';
import { makeAnalysis } from '../../shared/messages/message-factory.js';
import { barTime, makeBar, makeSignal, nowAfter } from './signal-factory.js';

function persistStateOn() {
  // Armed, the next pass after the write fails once (a crash between the write and the relay).
  const fault = { armed: false };
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  const pendingReads = sinon.spy(store, 'pendingOutbox');
  const published: OutgoingMessage[] = [];
  const bus: Bus = { publish: async (_topic, message) => (published.push(message), String(published.length)) };
  const handler = createPersistState({
    bus,
    log: captureLogger().logger,
    now: () => new Date(),
    maxEventAgeMs: 3_600_000,
    store,
    policy: lifecyclePolicy({ cooldownScope: 'PATTERN' }),
    fault: (point: string) => {
      if (point !== 'persistState:after-write' || !fault.armed) return;
      fault.armed = false;
      throw new Error('crashed after the write');
    },
  });
  const deliver = (analysis: Analysis) =>
    handler(pushEventFor(analysisKind, analysis, { publishTime: new Date().toISOString() }));
  return { store, pendingReads, published, deliver, fault };
}

// Bars 0 and 1 of the factory signal's symbol: `stopAt` makes bar 1 trade through its stop.
const quiet = (k: number, symbol = 'BTC/USD') =>
  makeAnalysis({
    symbol,
    asOf: nowAfter(k + 1),
    candidates: [],
    rejected: [],
    snapshots: [k, k + 1].map((i) => ({ ...makeBar(i), closesAt: barTime(i + 1) })),
  });
const stopAt = makeAnalysis({
  candidates: [],
  rejected: [],
  asOf: nowAfter(1),
  snapshots: [0, 1].map((k) => ({ ...makeBar(k, k === 1 ? { low: 60_400, close: 60_700 } : {}), closesAt: barTime(k + 1) })),
});

test('an instance relays what an earlier one left in the outbox, then reads it only after a write', async (t) => {
  const { store, pendingReads, published, deliver } = persistStateOn();
  t.teardown(() => store.close());
  const left = makeSignal({ signalId: '5b0e2f4a-1c3d-5e6f-8a9b-0c1d2e3f4a5b', symbol: 'ETH/USD' });
  await store.createSignalIfAbsent(left, [createdEvent(left)]);
  await deliver(quiet(0));
  t.deepEqual(
    published.map((m) => [m.attributes.type, m.attributes.symbol]),
    [['signal.created', 'ETH/USD']],
    "the earlier instance's event is published by the first delivery",
  );
  const reads = pendingReads.callCount;
  t.true(reads >= 1);
  await deliver(quiet(1));
  await deliver(quiet(2));
  t.is(pendingReads.callCount, reads, 'analyses that write nothing do not read the outbox');
  t.is(published.length, 1);
});

test('after a failure between write and relay, the redelivery relays though it writes nothing', async (t) => {
  const { store, pendingReads, published, deliver, fault } = persistStateOn();
  t.teardown(() => store.close());
  const open = makeSignal({ signalId: '7d1b8c52-3e0f-5a61-8f0e-2b7c9d4a6e13', pattern: 'MORNING_STAR' });
  await store.createSignalIfAbsent(open, []);
  await deliver(quiet(5, 'ETH/USD'));
  const reads = pendingReads.callCount;
  fault.armed = true;
  await t.throwsAsync(() => deliver(stopAt), { message: 'crashed after the write' });
  t.deepEqual(published, [], 'the write is committed, nothing published yet');
  t.is((await store.getSignal(open.signalId))?.status, 'STOPPED');
  await deliver(stopAt);
  t.deepEqual(
    published.map((m) => m.attributes.type),
    ['signal.stopped'],
    'the redelivery changed nothing, and relayed the event',
  );
  t.true(pendingReads.callCount > reads);
});
