import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { OutboxStore, SignalQuery, SignalStore } from '../../shared/store/store.port.js';
import { versionOf } from '../../shared/store/store.port.js';
import { barTime, nowAfter } from '../functions/persist-state/signal-factory.js';
import { makeRejectedEvent } from '../shared/messages/message-factory.js';
import { afterTp1, createdEvent, signalOn, tp1Event } from './store-fixtures.js';
import type { WithStore } from './with-store.js';

/** The signal store: create-if-absent, compare-and-set, shadow candidates, queries; each write with its outbox events. */
export function registerSignalStoreContract(withStore: WithStore<SignalStore & OutboxStore>): void {
  withStore('creates a signal once: a second create reports "exists" and adds no outbox row', async (t, store) => {
    const signal = signalOn();
    t.is(await store.createSignalIfAbsent(signal, [createdEvent(signal)]), 'created');
    const changed = { ...signal, entry: 99_999 };
    t.is(await store.createSignalIfAbsent(changed, [createdEvent(changed)]), 'exists');
    t.deepEqual(await store.getSignal(signal.signalId), signal, 'the first version is kept');
    t.deepEqual(
      (await store.pendingOutbox(10)).map((entry) => entry.event),
      [createdEvent(signal)],
    );
  });

  withStore('gives back a stored signal exactly, warm-up NaN readings included', async (t, store) => {
    const signal = signalOn('ETH/USD', 'BULLISH_HAMMER', 0, {
      confluence: { ...signalOn().confluence, volumeRatio: Number.NaN },
    });
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
    t.deepEqual(
      (await store.pendingOutbox(10)).map((entry) => entry.event.type),
      ['signal.created', 'signal.tp1'],
    );
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
    t.is(
      await store.transitionSignal(signal.signalId, versionOf(signal), afterTp1(signal), [tp1Event(afterTp1(signal))]),
      'missing',
    );
    t.deepEqual(await store.pendingOutbox(10), []);
  });

  withStore('refuses a transition whose next signal has another id', async (t, store) => {
    const signal = signalOn();
    await store.createSignalIfAbsent(signal, []);
    const other = afterTp1(signalOn('ETH/USD'));
    await t.throwsAsync(store.transitionSignal(signal.signalId, versionOf(signal), other, []), {
      instanceOf: InvalidArgumentError,
    });
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

  withStore('records a shadow candidate and its event once', async (t, store) => {
    const event = makeRejectedEvent();
    const { rejected } = event;
    t.is(await store.recordRejectedIfAbsent(rejected, event), 'created');
    t.is(await store.recordRejectedIfAbsent(rejected, event), 'exists');
    t.deepEqual(
      (await store.pendingOutbox(10)).map((entry) => entry.event),
      [event],
    );
  });

  withStore('lists signals by symbol, timeframe and status', async (t, store) => {
    const btc = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0);
    const btcLater = signalOn('BTC/USD', 'MORNING_STAR', 3, { status: 'STOPPED' });
    const eth = signalOn('ETH/USD', 'BULLISH_HAMMER', 1, { status: 'TP1_HIT' });
    const spyDaily = signalOn('SPY', 'DOUBLE_BOTTOM', 2, { timeframe: '1Day' });
    for (const signal of [btcLater, spyDaily, eth, btc]) await store.createSignalIfAbsent(signal, []);
    const ids = async (query?: SignalQuery) => (await store.listSignals(query)).map((s) => s.signalId);
    t.deepEqual(await ids(), [btc.signalId, eth.signalId, spyDaily.signalId, btcLater.signalId], 'oldest bar first');
    t.deepEqual(await ids({ symbol: 'BTC/USD' }), [btc.signalId, btcLater.signalId]);
    t.deepEqual(await ids({ timeframe: '1Day' }), [spyDaily.signalId]);
    t.deepEqual(await ids({ statuses: ['WAITING', 'TP1_HIT'] }), [btc.signalId, eth.signalId, spyDaily.signalId]);
    t.deepEqual(await ids({ symbol: 'BTC/USD', timeframe: '4Hour', statuses: ['WAITING'] }), [btc.signalId]);
    t.deepEqual(await ids({ statuses: [] }), []);
  });

  withStore('lets exactly one of many concurrent creates of one signal win', async (t, store) => {
    const signal = signalOn();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.createSignalIfAbsent(signal, [createdEvent(signal)])),
    );
    t.is(results.filter((result) => result === 'created').length, 1);
    t.is((await store.pendingOutbox(10)).length, 1);
  });
}
