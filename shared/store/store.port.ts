import type { Signal, SignalStatus, RejectedCandidate } from '../domain/signal.js';
import type { Bar, Timeframe } from '../domain/bar.js';
import type { SignalEvent } from '../messages/events.js';

/**
 * The stored version a compare-and-set expects. A bar-driven change always moves `lastBarTimestamp`
 * to a newer bar and every other change moves `status` or `updatedAt`, so the triple never repeats.
 */
export type SignalVersion = Pick<Signal, 'status' | 'lastBarTimestamp' | 'updatedAt'>;

/** The version of a loaded signal, to pass back as `expected`. */
export function versionOf(signal: SignalVersion): SignalVersion {
  return { status: signal.status, lastBarTimestamp: signal.lastBarTimestamp, updatedAt: signal.updatedAt };
}

/** Which signals to list; every given filter must hold. */
export interface SignalQuery {
  readonly symbol?: string;
  readonly timeframe?: Timeframe;
  readonly statuses?: readonly SignalStatus[];
}

/** An event waiting in the outbox (or already published, with the time it was). */
export interface OutboxEntry {
  readonly event: SignalEvent;
  readonly topic: string;
  readonly publishedAt: string | null;
}

/** `in-progress`: claimed and being sent until `leaseUntil`; `sent`: done, `messageId` known. */
export type DeliveryState = 'in-progress' | 'sent';

/** One notification of one event on one channel (DESIGN §3: claim → send → store message id). */
export interface Delivery {
  readonly eventId: string;
  readonly channel: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly claimedAt: string;
  readonly leaseUntil: string;
  readonly messageId: string | null;
  readonly sentAt: string | null;
}

/** A poison message kept for people to read (and republish once fixed). */
export interface DeadLetter {
  readonly id: string;
  readonly topic: string;
  readonly subscription?: string;
  readonly messageId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The message's data, base64, exactly as received (cut when the whole would not fit a Firestore document). */
  readonly data: string;
  /** Set when `data` or the attributes were cut: the original's size and SHA-256, to match it with the archive copy. */
  readonly original?: { readonly bytes: number; readonly sha256: string; readonly truncated: true };
  readonly error: string;
  readonly field?: string;
  readonly attempts: number;
  readonly at: string;
}

/** The closed bars kept for one symbol and timeframe (oldest first), so a scan asks Alpaca only for what is new. */
export interface BarLedgerEntry {
  readonly bars: Bar[];
  /** When the entry was last written (ISO-8601 UTC, chosen by the caller). */
  readonly updatedAt: string;
}

/**
 * Where signal state lives: SQLite locally, Firestore in production; both pass
 * test/contract/state-store.contract.ts. Every write that changes a signal writes its events to the
 * outbox in the same transaction. Times are ISO-8601 UTC strings chosen by the caller (no store
 * reads the clock), and rows expire at their `deleteAt` (see ttl.ts).
 */
export interface StateStore {
  getSignal(signalId: string): Promise<Signal | null>;
  /** Signals matching the query, oldest bar first. */
  listSignals(query?: SignalQuery): Promise<Signal[]>;
  /** Stores a new signal and its events unless the id exists; an existing signal is left untouched, events too. */
  createSignalIfAbsent(signal: Signal, events: readonly SignalEvent[]): Promise<'created' | 'exists'>;
  /** Replaces the signal with `next` only if its stored version still equals `expected`, adding the events (each event id once). */
  transitionSignal(
    signalId: string,
    expected: SignalVersion,
    next: Signal,
    events: readonly SignalEvent[],
  ): Promise<'applied' | 'conflict' | 'missing'>;
  /** Stores a shadow candidate and its event unless its id exists. */
  recordRejectedIfAbsent(rejected: RejectedCandidate, event: SignalEvent): Promise<'created' | 'exists'>;
  /** Unpublished events, oldest `occurredAt` first (write order within one time). */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /** Marks events published; unknown ids are ignored. A published event starts its TTL now. */
  markPublished(eventIds: readonly string[], at: string): Promise<void>;
  /** Claims the right to send `eventId` on `channel`; an expired `in-progress` claim can be taken over. */
  claimDelivery(eventId: string, channel: string, now: string, leaseMs: number): Promise<'claimed' | 'sent' | 'in-progress'>;
  /** Records that the notification went out, with the id the channel gave it. */
  completeDelivery(eventId: string, channel: string, receipt: { readonly messageId: string }, now: string): Promise<void>;
  /** Gives up an `in-progress` claim whose send failed for certain, so a retry may claim it at once; a `sent` record is kept. */
  releaseDelivery(eventId: string, channel: string): Promise<void>;
  getDelivery(eventId: string, channel: string): Promise<Delivery | null>;
  /** Keeps a poison message; a second record with the same id is ignored. */
  recordDeadLetter(letter: DeadLetter): Promise<'recorded' | 'exists'>;
  /** Dead letters, newest first. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
  /** The ledgered bars of a symbol at a timeframe, or null when none are kept. */
  getBarLedger(symbol: string, timeframe: Timeframe): Promise<BarLedgerEntry | null>;
  /** Replaces the ledgered bars of a symbol at a timeframe (a cache: last write wins, no TTL). */
  putBarLedger(symbol: string, timeframe: Timeframe, bars: readonly Bar[], updatedAt: string): Promise<void>;
  /** Deletes every row whose `deleteAt` is at or before `now` (Firestore's TTL policy); returns how many. */
  deleteExpired(now: string): Promise<number>;
  close(): Promise<void>;
}
