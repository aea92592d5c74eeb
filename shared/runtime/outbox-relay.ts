import type { Bus } from '../bus/bus.port.js';
import { encodeMessage } from '../messages/envelope.js';
import { signalEventKind } from '../messages/events.js';
import type { OutboxStore } from '../store/store.port.js';

const BATCH = 500;

/**
 * Publishes every event still waiting in the outbox, then marks it published (DESIGN §3). A crash between
 * the two republishes it later; consumers dedupe by `eventId`. Returns how many were published.
 */
export async function relayOutbox(store: OutboxStore, bus: Bus, now: () => Date): Promise<number> {
  let total = 0;
  for (;;) {
    const pending = await store.pendingOutbox(BATCH);
    if (pending.length === 0) return total;
    for (const entry of pending) await bus.publish(entry.topic, encodeMessage(signalEventKind, entry.event));
    await store.markPublished(
      pending.map((entry) => entry.event.eventId),
      now().toISOString(),
    );
    total += pending.length;
  }
}
