import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFirestoreTradeStore } from '../../shared/store/firestore-trade-store.js';
import { openSqliteTradeStore } from '../../shared/store/sqlite-trade-store.js';
import { useFirestoreEmulator } from '../helpers/firestore-emulator.js';
import { registerTradeDeskContract, registerTradeStoreContract } from './trade-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sentinel-trades-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;

registerTradeStoreContract('sqlite :memory:', async () => openSqliteTradeStore({ path: ':memory:', environment: 'dev' }));
registerTradeDeskContract('sqlite :memory:', async () => openSqliteTradeStore({ path: ':memory:', environment: 'dev' }));
registerTradeStoreContract('sqlite file', async () =>
  openSqliteTradeStore({ path: join(dir, `trades-${files++}`, 'sentinel.db'), environment: 'prod' }),
);

const emulator = useFirestoreEmulator();
const run = randomUUID().slice(0, 8);
let stores = 0;
const firestoreTrades = async () =>
  openFirestoreTradeStore({ firestore: (await emulator()).firestore, environment: 'dev', prefix: `t${run}_${stores++}_` });
registerTradeStoreContract('firestore', firestoreTrades);
registerTradeDeskContract('firestore', firestoreTrades);
