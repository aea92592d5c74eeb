import type { SignalEvent } from '../messages/events.js';

/** An event waiting in the outbox (or already published, with the time it was). */
export interface OutboxEntry {
  readonly event: SignalEvent;
  readonly topic: string;
  readonly publishedAt: string | null;
}

/** The outbox the relay drains (DESIGN §3); events enter it only with the write that caused them. */
export interface OutboxStore {
  /** Unpublished events, oldest `occurredAt` first (write order within one time). */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /** Marks events published; unknown ids are ignored. A published event starts its TTL now. */
  markPublished(eventIds: readonly string[], at: string): Promise<void>;
}
