import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { openSqliteTradeStore } from '../../shared/store/sqlite-trade-store.js';
import { positionRecord } from './trade-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sentinel-trade-migration-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** A store file as the version before the trade desk left it: its tables and records, schema version 1. */
async function versionOneStore(path: string): Promise<void> {
  const store = openSqliteTradeStore({ path, environment: 'dev' });
  await store.putPosition(positionRecord());
  await store.close();
  const db = new Database(path);
  db.exec('DROP TABLE test_trade_desk; UPDATE test_trades_schema_version SET version = 1;');
  db.close();
}

test('a trade store at schema version 1 opens at version 2: its records kept, the desk added', async (t) => {
  const path = join(dir, 'v1', 'sentinel.db');
  await versionOneStore(path);
  const store = openSqliteTradeStore({ path, environment: 'dev' });
  t.teardown(() => store.close());
  t.deepEqual(await store.getPosition(positionRecord().signalId), positionRecord());
  t.deepEqual(await store.claimDesk('reconcile', '2024-03-04T00:00:00.000Z', 1_000), { taken: true });
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  t.deepEqual(db.prepare('SELECT version FROM test_trades_schema_version').all(), [{ version: 2 }]);
});

test('a trade store at a schema version newer than this code is refused, naming the file and the versions', async (t) => {
  const path = join(dir, 'v9', 'sentinel.db');
  await openSqliteTradeStore({ path, environment: 'dev' }).close();
  const db = new Database(path);
  db.exec('UPDATE test_trades_schema_version SET version = 9');
  db.close();
  const error = t.throws(() => openSqliteTradeStore({ path, environment: 'dev' }));
  t.regex(error?.message ?? '', /path.*trade schema version 9, newer than 2/s);
});
