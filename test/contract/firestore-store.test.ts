import { randomUUID } from 'node:crypto';
import { Timestamp } from '@google-cloud/firestore';
import test from 'ava';
import sinon from 'sinon';
import type { Bar } from '../../shared/domain/bar.js';
import { parseConfig } from '../../shared/config/index.js';
import { instanceAdapters } from '../../shared/runtime/instance-adapters.js';
import { BAR_LEDGER_TTL_MS } from '../../shared/store/firestore-bar-ledger-store.js';
import { openFirestoreStore } from '../../shared/store/firestore-store.js';
import { versionOf } from '../../shared/store/store.port.js';
import { DEFAULT_TTL } from '../../shared/store/ttl.js';
import { barTime, nowAfter } from '../functions/persist-state/signal-factory.js';
import { useFirestoreEmulator } from '../helpers/firestore-emulator.js';
import { makeRejectedEvent } from '../shared/messages/message-factory.js';
import { registerStateStoreContract } from './state-store.contract.js';
import { afterTp1, createdEvent, deadLetter, signalOn, tp1Event } from './store-fixtures.js';

const emulator = useFirestoreEmulator();
const run = randomUUID().slice(0, 8);
let stores = 0;

/** A store on collections no other test (or run) uses, and the raw collection of one of its names. */
const WALL_CLOCK = Date.parse('2026-11-30T08:00:00Z');

async function open(environment: 'dev' | 'prod' = 'dev') {
  const client = (await emulator()).firestore;
  const prefix = `r${run}_${stores++}_`;
  const store = openFirestoreStore({ firestore: client, environment, prefix, ttl: { wallClockMs: () => WALL_CLOCK } });
  const raw = (name: string, env = environment) => client.collection(`${env === 'prod' ? 'live_' : 'test_'}${prefix}${name}`);
  return { store, raw };
}

registerStateStoreContract('firestore', async () => (await open()).store);

const ms = (iso: string) => Date.parse(iso);

test('firestore: prod writes to live_ collections and dev to test_ ones, for every collection', async (t) => {
  for (const [environment, other] of [
    ['prod', 'dev'],
    ['dev', 'prod'],
  ] as const) {
    const { store, raw } = await open(environment);
    const signal = signalOn();
    await store.createSignalIfAbsent(signal, [createdEvent(signal)]);
    await store.recordDeadLetter(deadLetter('dl-1', nowAfter(0)));
    for (const name of ['signals', 'outbox', 'dead_letters']) {
      t.is((await raw(name).get()).size, 1, `${environment}: ${name}`);
      t.true((await raw(name, other).get()).empty, `${environment} leaves ${other}'s ${name} alone`);
    }
    t.regex(raw('signals').id, environment === 'prod' ? /^live_r/ : /^test_r/);
  }
});

test('firestore: every document type carries delete_at as a Timestamp; an unpublished event and an open signal have none', async (t) => {
  const { store, raw } = await open();
  const open_ = signalOn('ETH/USD');
  await store.createSignalIfAbsent(open_, []);
  t.is((await raw('signals').doc(open_.signalId).get()).get('delete_at'), null, 'open: never expires');
  await raw('signals').doc(open_.signalId).delete();
  const signal = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0, { status: 'STOPPED' });
  const rejected = makeRejectedEvent();
  await store.createSignalIfAbsent(signal, [createdEvent(signal)]);
  await store.recordRejectedIfAbsent(rejected.rejected, rejected);
  t.is((await raw('outbox').doc(createdEvent(signal).eventId).get()).get('delete_at'), null, 'unpublished: never expires');
  await store.markPublished([createdEvent(signal).eventId, rejected.eventId], nowAfter(2));
  await store.claimDelivery(createdEvent(signal).eventId, 'discord', nowAfter(3), 30_000);
  await store.recordDeadLetter(deadLetter('dl-1', nowAfter(4)));
  await store.putBarLedger('BTC/USD', '4Hour', [], nowAfter(5));
  const expected: Record<string, number> = {
    signals: WALL_CLOCK + DEFAULT_TTL.signalsMs,
    rejected: WALL_CLOCK + DEFAULT_TTL.rejectedMs,
    outbox: ms(nowAfter(2)) + DEFAULT_TTL.publishedEventsMs,
    deliveries: ms(nowAfter(3)) + DEFAULT_TTL.deliveriesMs,
    dead_letters: ms(nowAfter(4)) + DEFAULT_TTL.deadLettersMs,
    bar_ledger: ms(nowAfter(5)) + BAR_LEDGER_TTL_MS,
  };
  for (const [name, deleteAtMs] of Object.entries(expected)) {
    const docs = (await raw(name).get()).docs;
    t.true(docs.length > 0, name);
    for (const doc of docs) {
      const deleteAt: unknown = doc.get('delete_at');
      t.true(deleteAt instanceof Timestamp, `${name}/${doc.id}`);
      if (deleteAt instanceof Timestamp && name !== 'outbox') t.is(deleteAt.toMillis(), deleteAtMs, name);
    }
  }
});

// Serial (run before the others): the stub is on the client every test of this file shares.
test.serial(
  'firestore: a transaction the server forgot (the emulator under contention) is run again; other errors are not',
  async (t) => {
    const { store } = await open();
    const client = (await emulator()).firestore;
    const forgotten = Object.assign(new Error('3 INVALID_ARGUMENT: Transaction is invalid or closed.'), { code: 3 });
    const stub = sinon.stub(client, 'runTransaction');
    t.teardown(() => stub.restore());
    stub.onFirstCall().rejects(forgotten);
    stub.callThrough();
    const signal = signalOn();
    t.is(await store.createSignalIfAbsent(signal, [createdEvent(signal)]), 'created');
    t.is(stub.callCount, 2);
    t.deepEqual(await store.getSignal(signal.signalId), signal);

    stub.resetBehavior();
    stub.rejects(Object.assign(new Error('3 INVALID_ARGUMENT: bad field'), { code: 3 }));
    const other = signalOn('ETH/USD');
    await t.throwsAsync(store.createSignalIfAbsent(other, []), { message: /bad field/ });
    t.is(stub.callCount, 3, 'not retried');
  },
);

test('firestore: two concurrent creates of one signal give one "created"', async (t) => {
  const { store } = await open();
  const signal = signalOn();
  const results = await Promise.all([0, 1].map(() => store.createSignalIfAbsent(signal, [createdEvent(signal)])));
  t.deepEqual([...results].sort(), ['created', 'exists']);
});

test('firestore: of two racing transitions from one version, exactly one applies', async (t) => {
  const { store } = await open();
  const signal = signalOn();
  await store.createSignalIfAbsent(signal, []);
  const next = afterTp1(signal);
  const rival = { ...next, updatedAt: nowAfter(2), lastBarTimestamp: barTime(2) };
  const results = await Promise.all(
    [next, rival].map((candidate) =>
      store.transitionSignal(signal.signalId, versionOf(signal), candidate, [tp1Event(candidate)]),
    ),
  );
  t.deepEqual([...results].sort(), ['applied', 'conflict']);
  const stored = await store.getSignal(signal.signalId);
  t.deepEqual(stored, results[0] === 'applied' ? next : rival);
  t.is((await store.pendingOutbox(10)).length, 1, 'one tp1 event: same id on both sides, written once');
});

test('firestore: pending events of one time come out in write order', async (t) => {
  const { store } = await open();
  const [a, b] = [signalOn('ETH/USD'), signalOn('BTC/USD')];
  const at = nowAfter(0);
  await store.createSignalIfAbsent(a, [
    { ...createdEvent(a), occurredAt: at },
    { ...tp1Event(afterTp1(a)), occurredAt: at },
  ]);
  await store.createSignalIfAbsent(b, [{ ...createdEvent(b), occurredAt: at }]);
  const pending = await store.pendingOutbox(10);
  t.deepEqual(
    pending.map((entry) => entry.event.eventId),
    [createdEvent(a).eventId, tp1Event(afterTp1(a)).eventId, createdEvent(b).eventId],
  );
});

test('firestore: keys bar ledgers by symbol and timeframe in ids that hold no "/"', async (t) => {
  const { store, raw } = await open();
  const bar: Bar = { timestamp: barTime(0), open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 };
  await store.putBarLedger('BTC/USD', '4Hour', [bar], nowAfter(1));
  await store.putBarLedger('BTC/USD', '1Day', [bar], nowAfter(1));
  t.deepEqual((await raw('bar_ledger').listDocuments()).map((doc) => doc.id).sort(), ['BTC%2FUSD|1Day', 'BTC%2FUSD|4Hour']);
});

test('firestore: deletes expired documents in batches of at most 400', async (t) => {
  const { store, raw } = await open();
  const letters = Array.from({ length: 401 }, (_, i) => deadLetter(`dl-${i}`, nowAfter(0)));
  await Promise.all(letters.map((letter) => store.recordDeadLetter(letter)));
  t.is(await store.deleteExpired(nowAfter(0)), 0, 'nothing is due yet');
  t.is(await store.deleteExpired(new Date(ms(nowAfter(0)) + DEFAULT_TTL.deadLettersMs).toISOString()), 401);
  t.true((await raw('dead_letters').get()).empty);
});

test('firestore: the instance adapters build one Firestore store when STORE=firestore', async (t) => {
  const { host } = await emulator();
  const config = parseConfig({
    ENVIRONMENT: 'dev',
    STORE: 'firestore',
    FIRESTORE_EMULATOR_HOST: host,
    DISABLE_SECRET_MANAGER: 'true',
  });
  const adapters = instanceAdapters(config);
  const store = adapters.store();
  t.is(adapters.store(), store, 'built once per instance');
  t.is(await store.getSignal(randomUUID()), null, 'reads the emulator');
  t.is(await store.getBarLedger('BTC/USD', '1Day'), null);
});
