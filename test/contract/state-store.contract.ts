import test from 'ava';
import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { versionOf } from '../../shared/store/store.port.js';
import { barTime, nowAfter } from '../functions/persist-state/signal-factory.js';
import { makeRejectedEvent } from '../shared/messages/message-factory.js';
import { registerBarLedgerContract } from './bar-ledger.contract.js';
import { registerEffectsContract } from './state-store-effects.contract.js';
import type { WithStore } from './state-store-effects.contract.js';
import { afterTp1, createdEvent, signalOn, tp1Event } from './store-fixtures.js';

/**
 * Registers the behaviour every `StateStore` adapter must show (SQLite here, Firestore on its emulator).
 * `makeStore` returns a fresh, empty store with the default TTLs; each test closes its own.
 */
export function registerStateStoreContract(name: string, makeStore: () => Promise<StateStore>): void {
  const withStore: WithStore = (title, body) =>
    test(`${name}: ${title}`, async (t) => {
      const store = await makeStore();
      t.teardown(() => store.close());
      await body(t, store);
    });

  withStore('creates a signal once: a second create reports "exists" and adds no outbox row', async (t, store) => {
    const signal = signalOn();
    t.is(await store.createSignalIfAbsent(signal, [createdEvent(signal)]), 'created');
    const changed = { ...signal, entry: 99_999 };
    t.is(await store.createSignalIfAbsent(changed, [createdEvent(changed)]), 'exists');
    t.deepEqual(await store.getSignal(signal.signalId), signal, 'the first version is kept');
    t.deepEqual((await store.pendingOutbox(10)).map((entry) => entry.event), [createdEvent(signal)]);
  });

  withStore('gives back a stored signal exactly, warm-up NaN readings included', async (t, store) => {
    const signal = signalOn('ETH/USD', 'BULLISH_HAMMER', 0, { confluence: { ...signalOn().confluence, volumeRatio: Number.NaN } });
    await store.createSignalIfAbsent(signal, []);
    const stored = await store.getSignal(signal.signalId);
    t.deepEqual(stored, signal);
    t.true(Number.isNaN(stored?.confluence.volumeRatio));
    t.is(await store.getSignal(signalOn('SOL/USD').signalId), null);
  });

  withStore('applies a transition whose expected version is current, with its events', async (t, store) => {
    const signal = signalOn();
    await store.createSignalIfAbsent(signal, [createdEvent(signal)]);
    const next = afterTp1(signal);
    t.is(await store.transitionSignal(signal.signalId, versionOf(signal), next, [tp1Event(next)]), 'applied');
    t.deepEqual(await store.getSignal(signal.signalId), next);
    t.deepEqual((await store.pendingOutbox(10)).map((entry) => entry.event.type), ['signal.created', 'signal.tp1']);
  });

  withStore('refuses a transition from a stale version and writes none of its events', async (t, store) => {
    const signal = signalOn();
    await store.createSignalIfAbsent(signal, []);
    const next = afterTp1(signal);
    await store.transitionSignal(signal.signalId, versionOf(signal), next, []);
    const rival = { ...next, updatedAt: nowAfter(2), lastBarTimestamp: barTime(2) };
    t.is(await store.transitionSignal(signal.signalId, versionOf(signal), rival, [tp1Event(rival)]), 'conflict');
    t.deepEqual(await store.getSignal(signal.signalId), next);
    t.deepEqual(await store.pendingOutbox(10), []);
  });

  withStore('reports "missing" for a transition of an unknown signal', async (t, store) => {
    const signal = signalOn();
    t.is(await store.transitionSignal(signal.signalId, versionOf(signal), afterTp1(signal), [tp1Event(afterTp1(signal))]), 'missing');
    t.deepEqual(await store.pendingOutbox(10), []);
  });

  withStore('refuses a transition whose next signal has another id', async (t, store) => {
    const signal = signalOn();
    await store.createSignalIfAbsent(signal, []);
    const other = afterTp1(signalOn('ETH/USD'));
    await t.throwsAsync(store.transitionSignal(signal.signalId, versionOf(signal), other, []), { instanceOf: InvalidArgumentError });
  });

  withStore('refuses a signal its readers could not decode, naming the field', async (t, store) => {
    const error = await t.throwsAsync(store.createSignalIfAbsent({ ...signalOn(), symbol: 'btc/usd' }, []), {
      instanceOf: InvalidArgumentError,
    });
    t.is(error.argument, 'signal.symbol');
  });

  withStore('writes an event id already in the outbox only once', async (t, store) => {
    const signal = signalOn();
    const next = afterTp1(signal);
    await store.createSignalIfAbsent(signal, [createdEvent(signal), tp1Event(next)]);
    t.is(await store.transitionSignal(signal.signalId, versionOf(signal), next, [tp1Event(next), tp1Event(next)]), 'applied');
    t.is((await store.pendingOutbox(10)).length, 2);
  });

  withStore('lists pending events oldest first, up to the limit, and drops them once marked published', async (t, store) => {
    const [a, b, c] = [signalOn('BTC/USD', 'BULLISH_ENGULFING', 2), signalOn('ETH/USD', 'BULLISH_HAMMER', 0), signalOn('SPY', 'DOUBLE_BOTTOM', 1)];
    const occurredAt = [nowAfter(2), nowAfter(0), nowAfter(1)];
    for (const [i, signal] of [a, b, c].entries()) {
      await store.createSignalIfAbsent(signal, [{ ...createdEvent(signal), occurredAt: occurredAt[i] }]);
    }
    const pending = await store.pendingOutbox(10);
    t.deepEqual(pending.map((entry) => entry.event.signalId), [b.signalId, c.signalId, a.signalId]);
    t.true(pending.every((entry) => entry.topic === 'events' && entry.publishedAt === null));
    t.deepEqual((await store.pendingOutbox(2)).map((entry) => entry.event.signalId), [b.signalId, c.signalId]);
    await store.markPublished([pending[0].event.eventId, 'e1b4a7a0-0000-5000-8000-000000000000'], nowAfter(5));
    await store.markPublished([pending[0].event.eventId], nowAfter(6));
    t.deepEqual((await store.pendingOutbox(10)).map((entry) => entry.event.signalId), [c.signalId, a.signalId]);
  });

  withStore('records a shadow candidate and its event once', async (t, store) => {
    const event = makeRejectedEvent();
    const { rejected } = event;
    t.is(await store.recordRejectedIfAbsent(rejected, event), 'created');
    t.is(await store.recordRejectedIfAbsent(rejected, event), 'exists');
    t.deepEqual((await store.pendingOutbox(10)).map((entry) => entry.event), [event]);
  });

  registerEffectsContract(withStore);
  registerBarLedgerContract(withStore);
}
