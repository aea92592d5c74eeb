import type { DeliveryStore } from '../../shared/store/store.port.js';
import { nowAfter } from '../functions/persist-state/signal-factory.js';
import { createdEvent, signalOn } from './store-fixtures.js';
import type { WithStore } from './with-store.js';

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Notification deliveries: claims, leases, release and completion, per event and channel. */
export function registerDeliveryStoreContract(withStore: WithStore<DeliveryStore>): void {
  const eventId = createdEvent(signalOn()).eventId;
  const now = nowAfter(0);

  withStore('a released claim can be taken again at once; releasing a sent delivery changes nothing', async (t, store) => {
    const now = '2024-03-04T08:00:00.000Z';
    const eventId = '2f0c8d4e-5b1a-5c3e-9d7f-6a4b8c2e1f03';
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'claimed');
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'in-progress');
    await store.releaseDelivery(eventId, 'discord', now);
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'claimed', 'released: claimable within the lease');
    await store.completeDelivery(eventId, 'discord', { messageId: 'm-1' }, now);
    await store.releaseDelivery(eventId, 'discord', now);
    t.is(await store.claimDelivery(eventId, 'discord', now, 60_000), 'sent', 'a sent record is never released');
    t.is((await store.getDelivery(eventId, 'discord'))?.messageId, 'm-1');
  });

  withStore('a claim that another sender took over after its lease cannot release the newer claim', async (t, store) => {
    t.is(await store.claimDelivery(eventId, 'discord', now, 30_000), 'claimed');
    const takeover = later(now, 30_000);
    t.is(await store.claimDelivery(eventId, 'discord', takeover, 30_000), 'claimed', 'the first lease ran out');
    await store.releaseDelivery(eventId, 'discord', now);
    t.is(await store.claimDelivery(eventId, 'discord', later(now, 30_001), 30_000), 'in-progress', 'the newer claim holds');
    await store.releaseDelivery(eventId, 'discord', takeover);
    t.is(await store.claimDelivery(eventId, 'discord', later(now, 30_001), 30_000), 'claimed', 'its own holder released it');
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
}
