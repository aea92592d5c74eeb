import { makeFolderOf } from '../../shared/store/sqlite-folder.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../shared/config/index.js';
import type { Config } from '../../shared/config/index.js';
import { DecodeError } from '../../shared/errors/errors.js';
import { parseBackup } from '../../shared/store/backup/backup-format.js';
import type { StoreBackup } from '../../shared/store/backup/backup-format.js';
import { exportFirestoreStore, importFirestoreStore } from '../../shared/store/backup/firestore-backup.js';
import { exportSqliteStore, importSqliteStore } from '../../shared/store/backup/sqlite-backup.js';
import { createFirestoreClient } from '../../shared/store/firestore-client.js';
import { UsageError } from '../replay/cli-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse.js';

function where(config: Config): string {
  if (config.store.kind === 'sqlite') return `SQLite ${config.store.sqlitePath}`;
  const target = config.gcp.firestoreEmulatorHost
    ? `emulator ${config.gcp.firestoreEmulatorHost}`
    : `project ${config.gcp.projectId ?? '?'}`;
  return `Firestore ${target}, database ${config.gcp.firestoreDatabaseId ?? '(default)'}`;
}

async function exportStore(config: Config, now: Date): Promise<StoreBackup> {
  if (config.store.kind === 'sqlite') return exportSqliteStore(config.store.sqlitePath, config.environment, now);
  const firestore = createFirestoreClient(config);
  try {
    return await exportFirestoreStore({ firestore, environment: config.environment }, now);
  } finally {
    await firestore.terminate();
  }
}

async function importStore(config: Config, backup: StoreBackup): Promise<number> {
  if (config.store.kind === 'sqlite') {
    makeFolderOf(config.store.sqlitePath);
    return importSqliteStore(config.store.sqlitePath, backup);
  }
  const firestore = createFirestoreClient(config);
  try {
    return await importFirestoreStore({ firestore, environment: config.environment }, backup);
  } finally {
    await firestore.terminate();
  }
}

const count = (backup: StoreBackup) => Object.values(backup.collections).reduce((n, rows) => n + rows.length, 0);

/**
 * `backup [--out FILE]`: every row or document of the configured store (SQLite, or Firestore with STORE=firestore)
 * as one JSON file (default `.sentinel/backups/<store>-<env>-<time>.json`).
 */
export const backup: Command = async (argv, io) => {
  const { values } = parseCommandArgs('backup', {
    args: [...argv],
    options: { out: { type: 'string' } },
    allowPositionals: false,
  });
  const config = loadConfig();
  const now = new Date();
  const file =
    values.out ??
    join('.sentinel', 'backups', `${config.store.kind}-${config.environment}-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  const data = await exportStore(config, now);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data)}\n`, { mode: 0o600 });
  io.out.write(`backed up ${count(data)} rows of ${where(config)} to ${file}\n`);
  return 0;
};

/**
 * `restore FILE`: writes a backup into the configured store (rows with the same key are replaced). The backup must
 * come from the same kind of store and environment; a Firestore restore into a new database: set FIRESTORE_DATABASE_ID.
 */
export const restore: Command = async (argv, io) => {
  const { positionals } = parseCommandArgs('restore', {
    args: [...argv],
    options: {},
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('restore: give exactly one backup file');
  const [file] = positionals;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`restore: cannot read ${file}`);
  }
  let data: StoreBackup;
  try {
    data = parseBackup(text, file);
  } catch (error) {
    if (error instanceof DecodeError) throw new UsageError(`restore: ${error.message}`);
    throw error;
  }
  const config = loadConfig();
  if (data.store !== config.store.kind)
    throw new UsageError(`restore: ${file} is a ${data.store} backup; STORE is ${config.store.kind}`);
  if (data.environment !== config.environment)
    throw new UsageError(`restore: ${file} holds ENVIRONMENT=${data.environment}; this is ${config.environment}`);
  const written = await importStore(config, data);
  io.out.write(`restored ${written} rows from ${file} (taken ${data.createdAt}) into ${where(config)}\n`);
  return 0;
};
