import { z } from 'zod';
import type { Timeframe } from '../domain/bar.js';
import { IsoInstantSchema } from '../messages/fields.js';
import { fromJson, toCheckedJson } from '../messages/json-document.js';
import { BarSchema } from '../messages/market-bars.js';
import { deleteAtOf, docIdOf, storedFields } from './firestore-collections.js';
import type { Collections } from './firestore-collections.js';
import type { BarLedgerStore } from './bar-ledger-store.port.js';
import { epochMs } from './ttl.js';

const LedgerBarsSchema = z.array(BarSchema);
const LedgerFields = z.object({ bars: z.string(), updated_at: IsoInstantSchema });

/**
 * How long an unwritten ledger is kept: one of a symbol that left the universe. The port calls the ledger a
 * cache without TTL (SQLite keeps rows forever); on Firestore the TTL policy needs a `delete_at` on every
 * document, and an expired ledger only costs the next scan one full fetch.
 */
export const BAR_LEDGER_TTL_MS = 30 * 86_400_000;

/**
 * Bar ledgers on Firestore, one document per symbol and timeframe (id `BTC%2FUSD|4Hour`), laid out as
 * SQLite's rows: the bars as checked JSON in `bars` (one unindexed string, not an index entry per bar field).
 */
export function firestoreBarLedgerStore(c: Collections): BarLedgerStore {
  const ref = (symbol: string, timeframe: Timeframe) => c.barLedger.doc(docIdOf('symbol, timeframe', symbol, timeframe));
  return {
    async getBarLedger(symbol, timeframe) {
      const snapshot = await ref(symbol, timeframe).get();
      if (!snapshot.exists) return null;
      const fields = storedFields(LedgerFields, snapshot, 'bar ledger');
      return {
        bars: fromJson(LedgerBarsSchema, fields.bars, `bar ledger "${symbol}" ${timeframe}`),
        updatedAt: fields.updated_at,
      };
    },

    async putBarLedger(symbol, timeframe, bars, updatedAt) {
      const fields = {
        symbol,
        timeframe,
        updated_at: updatedAt,
        delete_at: deleteAtOf(epochMs(updatedAt, 'updatedAt') + BAR_LEDGER_TTL_MS),
        bars: toCheckedJson(LedgerBarsSchema, bars, 'bars'),
      };
      await ref(symbol, timeframe).set(fields);
    },
  };
}
