import { firestoreSdk } from '../firestore-client.js';
import { z } from 'zod';
import { DecodeError } from '../../errors/errors.js';

/** What `sentinel backup` writes: every row or document of one store, as JSON. */
export interface StoreBackup {
  readonly format: 'crypto-sentinel-backup';
  readonly version: 1;
  readonly store: 'sqlite' | 'firestore';
  readonly environment: 'dev' | 'prod';
  readonly createdAt: string;
  /** Collection (or table) name without its `live_`/`test_` prefix → its rows (SQLite) or documents (Firestore). */
  readonly collections: Readonly<Record<string, readonly BackupRow[]>>;
}

/** One document (its id and fields) or one table row (its columns; `id` unused). */
export interface BackupRow {
  readonly id?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

const BackupSchema = z.object({
  format: z.literal('crypto-sentinel-backup'),
  version: z.literal(1),
  store: z.enum(['sqlite', 'firestore']),
  environment: z.enum(['dev', 'prod']),
  createdAt: z.string(),
  collections: z.record(z.string(), z.array(z.object({ id: z.string().optional(), fields: z.record(z.string(), z.unknown()) }))),
});

/** Firestore Timestamps travel as `{"$timestamp": <epoch ms>}`. */
export function encodeValue(value: unknown): unknown {
  if (value instanceof firestoreSdk().Timestamp) return { $timestamp: value.toMillis() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
  return value;
}

/** The inverse of `encodeValue`. */
export function decodeBackupValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBackupValue);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === '$timestamp' && typeof entries[0][1] === 'number')
      return firestoreSdk().Timestamp.fromMillis(entries[0][1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeBackupValue(v)]));
  }
  return value;
}

/** Reads a backup file's JSON; a wrong file is a `DecodeError` naming the field. */
export function parseBackup(json: string, source: string): StoreBackup {
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new DecodeError([{ field: 'backup', reason: `is not JSON (${error.message})` }], source);
  }
  const parsed = BackupSchema.safeParse(wire);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DecodeError([{ field: issue.path.join('.') || 'backup', reason: issue.message }], source);
  }
  return parsed.data;
}
