import { firestoreSdk } from './firestore-client.js';
import type { CollectionReference, Firestore, Query } from '@google-cloud/firestore';
import type { z } from 'zod';
import { collectionPrefix } from '../config/index.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { toCheckedJson } from '../messages/json-document.js';
import { AccountSnapshotSchema, JournalEntrySchema, OrderRecordSchema, PositionRecordSchema } from '../trading/trade-records.js';
import { docIdOf, GRPC, hasGrpcCode, storedDoc } from './firestore-collections.js';
import { runTransaction } from './firestore-transaction.js';
import { deskClaimOver } from './desk-lease.js';
import type { DeskLease } from './desk-lease.js';
import { epochMs } from './ttl.js';
import type { DeskClaim, TradeStore } from './trade-store.port.js';

/**
 * The trade store on Firestore: one document per order (id = client order id), position (signal id), journal entry
 * and daily snapshot, each holding the same checked JSON as SQLite in `doc`, with the fields queries need beside it.
 * Queries need the composite indexes listed in firestore.indexes.json (orders: signal_id + submitted_at_ms;
 * positions: status + opened_at_ms; journal: signal_id + at_ms).
 */
export function openFirestoreTradeStore(options: {
  readonly firestore: Firestore;
  readonly environment: 'dev' | 'prod';
  readonly prefix?: string;
}): TradeStore {
  const prefix = options.prefix ?? '';
  if (!/^[A-Za-z0-9_-]*$/.test(prefix))
    throw new InvalidArgumentError('prefix', `may hold only letters, digits, "_" and "-": ${JSON.stringify(prefix)}`);
  const name = (collection: string): CollectionReference =>
    options.firestore.collection(`${collectionPrefix(options)}${prefix}${collection}`);
  const c = {
    orders: name('orders'),
    positions: name('positions'),
    journal: name('trade_journal'),
    snapshots: name('account_snapshots'),
  };
  const desk = name('trade_desk').doc('desk');
  const deskOf = (data: unknown): DeskLease | undefined => {
    const { holder, until_ms: untilMs } = (data ?? {}) as { holder?: unknown; until_ms?: unknown };
    return typeof holder === 'string' && typeof untilMs === 'number' ? { holder, untilMs } : undefined;
  };
  const all = async <S extends z.ZodType>(schema: S, query: Query, source: string): Promise<z.output<S>[]> =>
    (await query.get()).docs.map((snapshot) => storedDoc(schema, snapshot, source));

  return {
    async getOrder(id) {
      const snapshot = await c.orders.doc(docIdOf('clientOrderId', id)).get();
      return snapshot.exists ? storedDoc(OrderRecordSchema, snapshot, 'stored order') : null;
    },
    async putOrder(order) {
      const doc = toCheckedJson(OrderRecordSchema, order, 'order');
      const fields = {
        client_order_id: order.clientOrderId,
        signal_id: order.signalId,
        submitted_at_ms: epochMs(order.submittedAt, 'order.submittedAt'),
        doc,
      };
      await c.orders.doc(docIdOf('clientOrderId', order.clientOrderId)).set(fields);
    },
    async listOrders(query = {}) {
      const base = query.signalId === undefined ? c.orders : c.orders.where('signal_id', '==', query.signalId);
      return all(OrderRecordSchema, base.orderBy('submitted_at_ms').orderBy('client_order_id'), 'stored order');
    },
    async getPosition(id) {
      const snapshot = await c.positions.doc(docIdOf('signalId', id)).get();
      return snapshot.exists ? storedDoc(PositionRecordSchema, snapshot, 'stored position') : null;
    },
    async putPosition(position) {
      const doc = toCheckedJson(PositionRecordSchema, position, 'position');
      const fields = {
        signal_id: position.signalId,
        status: position.status,
        opened_at_ms: epochMs(position.openedAt, 'position.openedAt'),
        doc,
      };
      await c.positions.doc(docIdOf('signalId', position.signalId)).set(fields);
    },
    async listPositions(status) {
      const base = status === undefined ? c.positions : c.positions.where('status', '==', status);
      return all(PositionRecordSchema, base.orderBy('opened_at_ms').orderBy('signal_id'), 'stored position');
    },
    async appendJournal(entry) {
      const doc = toCheckedJson(JournalEntrySchema, entry, 'entry');
      const fields = {
        id: entry.id,
        signal_id: entry.signalId,
        at_ms: epochMs(entry.at, 'entry.at'),
        written: firestoreSdk().FieldValue.serverTimestamp(),
        doc,
      };
      try {
        await c.journal.doc(docIdOf('id', entry.id)).create(fields);
        return 'recorded';
      } catch (error) {
        if (hasGrpcCode(error, GRPC.ALREADY_EXISTS)) return 'exists';
        throw error;
      }
    },
    async listJournal({ signalId, limit }) {
      const base = signalId === undefined ? c.journal : c.journal.where('signal_id', '==', signalId);
      return all(JournalEntrySchema, base.orderBy('at_ms').orderBy('written').limit(limit), 'journal entry');
    },
    async putAccountSnapshot(snapshot) {
      const doc = toCheckedJson(AccountSnapshotSchema, snapshot, 'snapshot');
      await c.snapshots.doc(docIdOf('id', snapshot.id)).set({ id: snapshot.id, at_ms: epochMs(snapshot.at, 'snapshot.at'), doc });
    },
    async listAccountSnapshots(limit) {
      return all(
        AccountSnapshotSchema,
        c.snapshots.orderBy('at_ms', 'desc').orderBy('id', 'desc').limit(limit),
        'account snapshot',
      );
    },
    async claimDesk(holder, now, leaseMs) {
      const nowMs = epochMs(now, 'now');
      return runTransaction(options.firestore, async (tx): Promise<DeskClaim> => {
        const claim = deskClaimOver(deskOf((await tx.get(desk)).data()), holder, nowMs);
        if (claim.taken) tx.set(desk, { holder, until_ms: nowMs + leaseMs });
        return claim;
      });
    },
    async releaseDesk(holder) {
      await runTransaction(options.firestore, async (tx) => {
        if (deskOf((await tx.get(desk)).data())?.holder === holder) tx.delete(desk);
      });
    },
    close: () => Promise.resolve(),
  };
}
