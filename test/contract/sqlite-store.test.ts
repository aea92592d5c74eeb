import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { registerStateStoreContract } from './state-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sentinel-store-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;

registerStateStoreContract('sqlite :memory:', async () => openSqliteStore({ path: ':memory:', environment: 'dev' }));
registerStateStoreContract('sqlite file', async () =>
  openSqliteStore({ path: join(dir, `store-${files++}`, 'sentinel.db'), environment: 'prod' }),
);
