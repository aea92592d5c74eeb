import { runTransaction } from './firestore-transaction.js';
import { isOpenStatus } from '../domain/signal.js';
import type { DocumentReference, Firestore, Query } from '@google-cloud/firestore';
import type { RejectedCandidate, Signal } from '../domain/signal.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { RejectedCandidateSchema } from '../messages/candidate.js';
import type { SignalEvent } from '../messages/events.js';
import { toCheckedJson } from '../messages/json-document.js';
import { SignalSchema } from '../messages/signal.js';
import { deleteAtOf, docIdOf, storedDoc } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import { absentEvents, outboxRecords, writeEvents } from './firestore-outbox-store.js';
import type { OutboxRecord } from './firestore-outbox-store.js';
import { versionOf } from './signal-store.port.js';
import type { SignalQuery, SignalStore, SignalVersion } from './signal-store.port.js';
import { epochMs, rejectedExpiryMs, signalExpiryMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

const deleteAtOrNull = (ms: number | null) => (ms === null ? null : deleteAtOf(ms));

/** The stored form of a signal: its checked JSON in `doc`, plus the fields queries, compare-and-set and the TTL policy read. */
function signalFields(signal: Signal, ttl: StoreTtl) {
  return {
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    status: signal.status,
    bar_timestamp_ms: epochMs(signal.barTimestamp, 'signal.barTimestamp'),
    last_bar_timestamp: signal.lastBarTimestamp,
    updated_at: signal.updatedAt,
    delete_at: deleteAtOrNull(signalExpiryMs(!isOpenStatus(signal.status), ttl)),
    doc: toCheckedJson(SignalSchema, signal, 'signal'),
  };
}

function sameVersion(a: SignalVersion, b: SignalVersion): boolean {
  return a.status === b.status && a.lastBarTimestamp === b.lastBarTimestamp && a.updatedAt === b.updatedAt;
}

/** Signals, shadow candidates and their outbox events on Firestore; every write is one transaction. */
export function firestoreSignalStore(firestore: Firestore, c: Collections, ttl: StoreTtl): SignalStore {
  const signalRef = (signalId: string) => c.signals.doc(docIdOf('signalId', signalId));

  /** Creates `ref` with its events unless it exists; the events already in the outbox are left as they are. */
  const createWithEvents = (ref: DocumentReference, fields: object, events: readonly OutboxRecord[]) =>
    runTransaction(firestore, async (tx) => {
      if ((await tx.get(ref)).exists) return 'exists' as const;
      const fresh = await absentEvents(tx, c.outbox, events);
      tx.create(ref, fields);
      writeEvents(tx, c.outbox, fresh);
      return 'created' as const;
    });

  return {
    async getSignal(signalId: string): Promise<Signal | null> {
      const snapshot = await signalRef(signalId).get();
      return snapshot.exists ? storedDoc(SignalSchema, snapshot, 'stored signal') : null;
    },

    /** Equality filters only (served without a composite index); sorted here, as the result is never paged. */
    async listSignals(query: SignalQuery = {}): Promise<Signal[]> {
      if (query.statuses?.length === 0) return [];
      let q: Query = c.signals;
      if (query.symbol !== undefined) q = q.where('symbol', '==', query.symbol);
      if (query.timeframe !== undefined) q = q.where('timeframe', '==', query.timeframe);
      if (query.statuses !== undefined) q = q.where('status', 'in', [...new Set(query.statuses)]);
      const snapshot = await q.get();
      const rows = snapshot.docs.map((doc) => {
        const signal = storedDoc(SignalSchema, doc, 'stored signal');
        return { signal, barMs: epochMs(signal.barTimestamp, 'stored signal.barTimestamp') };
      });
      rows.sort((a, b) => a.barMs - b.barMs || (a.signal.signalId < b.signal.signalId ? -1 : 1));
      return rows.map((row) => row.signal);
    },

    async createSignalIfAbsent(signal: Signal, events: readonly SignalEvent[]): Promise<'created' | 'exists'> {
      return createWithEvents(signalRef(signal.signalId), signalFields(signal, ttl), outboxRecords(events));
    },

    async transitionSignal(signalId: string, expected: SignalVersion, next: Signal, events: readonly SignalEvent[]) {
      if (next.signalId !== signalId) {
        throw new InvalidArgumentError(
          'next.signalId',
          `"${next.signalId}" is not the signal being transitioned ("${signalId}")`,
        );
      }
      const fields = signalFields(next, ttl);
      const records = outboxRecords(events);
      const ref = signalRef(signalId);
      return runTransaction(firestore, async (tx) => {
        const snapshot = await tx.get(ref);
        if (!snapshot.exists) return 'missing' as const;
        if (!sameVersion(versionOf(storedDoc(SignalSchema, snapshot, 'stored signal')), expected)) return 'conflict' as const;
        const fresh = await absentEvents(tx, c.outbox, records);
        tx.set(ref, fields);
        writeEvents(tx, c.outbox, fresh);
        return 'applied' as const;
      });
    },

    async recordRejectedIfAbsent(rejected: RejectedCandidate, event: SignalEvent): Promise<'created' | 'exists'> {
      const fields = {
        symbol: rejected.symbol,
        timeframe: rejected.timeframe,
        delete_at: deleteAtOf(rejectedExpiryMs(ttl)),
        doc: toCheckedJson(RejectedCandidateSchema, rejected, 'rejected'),
      };
      return createWithEvents(c.rejected.doc(docIdOf('rejected.signalId', rejected.signalId)), fields, outboxRecords([event]));
    },
  };
}
