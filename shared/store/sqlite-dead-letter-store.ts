import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import type { DeadLetterStore } from './dead-letter-store.port.js';
import { DeadLetterSchema } from './documents.js';
import type { Tables } from './sqlite-schema.js';
import { epochMs } from './ttl.js';
import type { StoreTtl } from './ttl.js';

const DocRow = z.object({ doc: z.string() });

/** Dead letters on SQLite; `seq` orders letters of one time newest write first. */
export function sqliteDeadLetterStore(db: Database, t: Tables, ttl: StoreTtl): DeadLetterStore {
  const insert = db.prepare(`INSERT OR IGNORE INTO ${t.deadLetters} (id, at_ms, delete_at_ms, doc) VALUES (?, ?, ?, ?)`);
  const newest = db.prepare(`SELECT doc FROM ${t.deadLetters} ORDER BY at_ms DESC, seq DESC LIMIT ?`);
  return {
    async recordDeadLetter(letter) {
      const atMs = epochMs(letter.at, 'letter.at');
      const doc = toCheckedJson(DeadLetterSchema, letter, 'letter');
      return insert.run(letter.id, atMs, atMs + ttl.deadLettersMs, doc).changes === 0 ? 'exists' : 'recorded';
    },
    async listDeadLetters(limit) {
      return newest.all(limit).map((row) => fromJson(DeadLetterSchema, DocRow.parse(row).doc, 'stored dead letter'));
    },
  };
}
