import type { Timestamp } from '@google-cloud/firestore';
import { firestoreSdk } from './firestore-client.js';
import type { CollectionReference, DocumentSnapshot, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { collectionPrefix } from '../config/index.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { decodeValue, fromJson } from '../messages/json-document.js';

/** The collections of one store: `live_`/`test_` (DESIGN §5), then the optional run prefix, then the name. */
export function collectionsFor(firestore: Firestore, environment: 'dev' | 'prod', prefix = '') {
  if (!/^[A-Za-z0-9_-]*$/.test(prefix)) {
    throw new InvalidArgumentError('prefix', `may hold only letters, digits, "_" and "-": ${JSON.stringify(prefix)}`);
  }
  const name = (collection: string) => firestore.collection(`${collectionPrefix({ environment })}${prefix}${collection}`);
  return {
    signals: name('signals'),
    rejected: name('rejected'),
    outbox: name('outbox'),
    deliveries: name('deliveries'),
    deadLetters: name('dead_letters'),
    barLedger: name('bar_ledger'),
  } satisfies Record<string, CollectionReference>;
}

/** The collections of one store. */
export type Collections = ReturnType<typeof collectionsFor>;

/**
 * A document id for any non-empty key parts: each part percent-encoded (so `BTC/USD` holds no `/`, and `.`
 * and `_` are encoded too, so no id is `.`, `..` or `__…__`), joined with `|`, which encoding never leaves in a part.
 * UUIDs come out unchanged.
 */
export function docIdOf(argument: string, ...parts: readonly string[]): string {
  if (parts.length === 0 || parts.some((part) => part.length === 0)) throw new InvalidArgumentError(argument, 'is empty');
  const encode = (part: string) =>
    encodeURIComponent(part).replace(/[._!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const id = parts.map(encode).join('|');
  if (Buffer.byteLength(id) > 1500) throw new InvalidArgumentError(argument, 'is longer than a Firestore document id may be');
  return id;
}

/** The `delete_at` value Firestore's TTL policy reads: a Timestamp. */
export function deleteAtOf(ms: number): Timestamp {
  return firestoreSdk().Timestamp.fromMillis(ms);
}

/** gRPC status codes the store reacts to (the Firestore client reports them as `error.code`). */
export const GRPC = { ALREADY_EXISTS: 6, FAILED_PRECONDITION: 9 } as const;

/** Whether a Firestore call failed with the given gRPC status code. */
export function hasGrpcCode(error: unknown, code: number): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** Decodes the fields of a stored document with `schema` (a `DecodeError` names the bad field). */
export function storedFields<S extends z.ZodType>(schema: S, snapshot: DocumentSnapshot, source: string): z.output<S> {
  return decodeValue(schema, snapshot.data(), 'document', `${source} "${snapshot.id}"`);
}

const DocField = z.object({ doc: z.string() });

/** Decodes the checked JSON a document keeps in its `doc` field (NaN readings come back from `null`, as from SQLite). */
export function storedDoc<S extends z.ZodType>(schema: S, snapshot: DocumentSnapshot, source: string): z.output<S> {
  const described = `${source} "${snapshot.id}"`;
  return fromJson(schema, storedFields(DocField, snapshot, source).doc, described);
}
