import type { ExecutionContext } from 'ava';
import type { StateStore } from '../../shared/store/store.port.js';
import { nowAfter } from '../functions/persist-state/signal-factory.js';
import { createdEvent, deadLetter, signalOn } from './store-fixtures.js';

const DAY_MS = 86_400_000;
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Registers one contract test on a fresh store. */
export type WithStore = (title: string, body: (t: ExecutionContext, store: StateStore) => Promise<void>) => void;

/** The contract for notification deliveries, dead letters, expiry, listing and contention. */
export function registerEffectsContract(withStore: WithStore): void {
  registerDeliveries(withStore);
  registerHousekeeping(withStore);
}

function registerDeliveries(withStore: WithStore): void {
  const eventId = createdEvent(signalOn()).eventId;
  const now = nowAfter(0);

  withStore('a released claim can be taken again at once; releasing a sent delivery changes nothing', async (t, store) => {
    const now = '2024-03-04T08:00:00.000Z';
    const eventId = '2f0c8d4e-5b1a-5c3e-9d7f-6a4b8c2e1f03';
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'claimed');
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'in-progress');
    await store.releaseDelivery(eventId, 'discord');
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'claimed', 'released: claimable within the lease');
    await store.completeDelivery(eventId, 'discord', { messageId: 'm-1' }, now);
    await store.releaseDelivery(eventId, 'discord');
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'sent', 'a sent record is never released');
    t.is((await store.getDelivery(eventId, 'discord'))?.messageId, 'm-1');
  });

  withStore('claims a delivery once until its lease runs out, then lets another sender take it over', async (t, store) => {
    t.is(await store.claimDelivery(eventId, 'discord', now, 30_000), 'claimed');
    t.is(await store.claimDelivery(eventId, 'discord', later(now, 29_999), 30_000), 'in-progress');
    t.is(await store.claimDelivery(eventId, 'discord', later(now, 30_000), 30_000), 'claimed', 'the lease has expired');
    t.like(await store.getDelivery(eventId, 'discord'), { state: 'in-progress', attempts: 2, messageId: null });
    t.is(await store.claimDelivery(eventId, 'console', now, 30_000), 'claimed', 'each channel is claimed on its own');
  });

  withStore('reports a completed delivery as sent, with the message id it got', async (t, store) => {
    await store.claimDelivery(eventId, 'discord', now, 30_000);
    await store.completeDelivery(eventId, 'discord', { messageId: '1234567890123456789' }, later(now, 800));
    t.is(await store.claimDelivery(eventId, 'discord', later(now, 3_600_000), 30_000), 'sent');
    t.like(await store.getDelivery(eventId, 'discord'), {
      eventId,
      channel: 'discord',
      state: 'sent',
      attempts: 1,
      messageId: '1234567890123456789',
      sentAt: later(now, 800),
    });
    t.is(await store.getDelivery(eventId, 'email'), null);
  });

  withStore('lists dead letters newest first and keeps one per id', async (t, store) => {
    t.is(await store.recordDeadLetter(deadLetter('dl-1', nowAfter(0))), 'recorded');
    t.is(await store.recordDeadLetter(deadLetter('dl-3', nowAfter(2))), 'recorded');
    t.is(await store.recordDeadLetter(deadLetter('dl-2', nowAfter(1))), 'recorded');
    t.is(await store.recordDeadLetter(deadLetter('dl-1', nowAfter(3))), 'exists');
    t.deepEqual((await store.listDeadLetters(10)).map((letter) => letter.id), ['dl-3', 'dl-2', 'dl-1']);
    t.deepEqual(await store.listDeadLetters(1), [deadLetter('dl-3', nowAfter(2))]);
  });
}

function registerHousekeeping(withStore: WithStore): void {
  withStore('deletes terminal rows past their wall-clock TTL; never an open signal, an unpublished event or a delivery key', async (t, store) => {
    const ended = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0, { status: 'STOPPED' });
    const open = signalOn('ETH/USD', 'BULLISH_ENGULFING', 0);
    await store.createSignalIfAbsent(ended, [createdEvent(ended)]);
    await store.createSignalIfAbsent(open, [createdEvent(open)]);
    await store.markPublished([createdEvent(open).eventId], nowAfter(1));
    await store.claimDelivery(createdEvent(open).eventId, 'discord', nowAfter(1), 30_000);
    await store.recordDeadLetter(deadLetter('dl-1', nowAfter(0)));
    // Expiry counts from the wall clock of the write, not from the (replayed, years old) times in the documents.
    t.is(await store.deleteExpired(later(new Date().toISOString(), 29 * DAY_MS)), 2, 'the published event and the dead letter only');
    t.deepEqual(await store.getSignal(ended.signalId), ended, 'a terminal signal lives 30 days from its write');
    const deleted = await store.deleteExpired(later(new Date().toISOString(), 31 * DAY_MS));
    t.is(deleted, 1, 'the terminal signal');
    t.is(await store.getSignal(ended.signalId), null);
    t.deepEqual(await store.getSignal(open.signalId), open, 'an open signal never expires');
    t.deepEqual((await store.pendingOutbox(10)).map((entry) => entry.event.signalId), [ended.signalId]);
    t.is(await store.claimDelivery(createdEvent(open).eventId, 'discord', nowAfter(1), 30_000), 'in-progress', 'the delivery key is still there');
  });

  withStore('lists signals by symbol, timeframe and status', async (t, store) => {
    const btc = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0);
    const btcLater = signalOn('BTC/USD', 'MORNING_STAR', 3, { status: 'STOPPED' });
    const eth = signalOn('ETH/USD', 'BULLISH_HAMMER', 1, { status: 'TP1_HIT' });
    const spyDaily = signalOn('SPY', 'DOUBLE_BOTTOM', 2, { timeframe: '1Day' });
    for (const signal of [btcLater, spyDaily, eth, btc]) await store.createSignalIfAbsent(signal, []);
    const ids = async (query?: Parameters<StateStore['listSignals']>[0]) => (await store.listSignals(query)).map((s) => s.signalId);
    t.deepEqual(await ids(), [btc.signalId, eth.signalId, spyDaily.signalId, btcLater.signalId], 'oldest bar first');
    t.deepEqual(await ids({ symbol: 'BTC/USD' }), [btc.signalId, btcLater.signalId]);
    t.deepEqual(await ids({ timeframe: '1Day' }), [spyDaily.signalId]);
    t.deepEqual(await ids({ statuses: ['WAITING', 'TP1_HIT'] }), [btc.signalId, eth.signalId, spyDaily.signalId]);
    t.deepEqual(await ids({ symbol: 'BTC/USD', timeframe: '4Hour', statuses: ['WAITING'] }), [btc.signalId]);
    t.deepEqual(await ids({ statuses: [] }), []);
  });

  withStore('lets exactly one of many concurrent creates of one signal win', async (t, store) => {
    const signal = signalOn();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.createSignalIfAbsent(signal, [createdEvent(signal)])));
    t.is(results.filter((result) => result === 'created').length, 1);
    t.is((await store.pendingOutbox(10)).length, 1);
  });
}
