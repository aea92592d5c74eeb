import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { BarSchema } from '../messages/market-bars.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { IsoInstantSchema } from '../messages/fields.js';
import { InvalidArgumentError } from '../errors/errors.js';
import type { Tables } from './sqlite-schema.js';
import type { BarLedgerStore } from './bar-ledger-store.port.js';

const LedgerBarsSchema = z.array(BarSchema);
const LedgerRow = z.object({ bars: z.string(), updated_at: z.string() });

/** The bar ledger on SQLite: one row per (symbol, timeframe), the bars as a checked JSON document. */
export function sqliteBarLedgerStore(db: Database, t: Tables): BarLedgerStore {
  const select = db.prepare(`SELECT bars, updated_at FROM ${t.barLedger} WHERE symbol = ? AND timeframe = ?`);
  const upsert = db.prepare(
    `INSERT INTO ${t.barLedger} (symbol, timeframe, updated_at, bars) VALUES (@symbol, @timeframe, @updatedAt, @bars)
     ON CONFLICT (symbol, timeframe) DO UPDATE SET updated_at = excluded.updated_at, bars = excluded.bars`,
  );
  return {
    async getBarLedger(symbol, timeframe) {
      const raw = select.get(symbol, timeframe);
      if (raw === undefined) return null;
      const row = LedgerRow.parse(raw);
      const bars = fromJson(LedgerBarsSchema, row.bars, `bar ledger "${symbol}" ${timeframe}`);
      return { bars, updatedAt: row.updated_at };
    },
    async putBarLedger(symbol, timeframe, bars, updatedAt) {
      if (!IsoInstantSchema.safeParse(updatedAt).success) {
        throw new InvalidArgumentError('updatedAt', `must be an ISO-8601 UTC time, got "${updatedAt}"`);
      }
      upsert.run({ symbol, timeframe, updatedAt, bars: toCheckedJson(LedgerBarsSchema, bars, 'bars') });
    },
  };
}
