import { makeFolderOf } from '../../shared/store/sqlite-folder.js';
import { loadConfig } from '../../shared/config/index.js';
import type { Config } from '../../shared/config/index.js';
import { instanceAdapters } from '../../shared/runtime/instance-adapters.js';
import type { StateStore } from '../../shared/store/store.port.js';

/** The store the configuration points at, for reading: SQLite locally, Firestore with `STORE=firestore`. */
export interface ConfiguredStore {
  readonly config: Config;
  readonly store: StateStore;
  /** Where it is, for messages: the SQLite file or the Firestore project. */
  readonly where: string;
}

/** Opens the configured store without building a pipeline (status and dead-letters only read). */
export function openConfiguredStore(): ConfiguredStore {
  const config = loadConfig();
  if (config.store.kind === 'sqlite') makeFolderOf(config.store.sqlitePath);
  const where =
    config.store.kind === 'sqlite'
      ? config.store.sqlitePath
      : `Firestore ${config.gcp.firestoreEmulatorHost ? `emulator ${config.gcp.firestoreEmulatorHost}` : `project ${config.gcp.projectId ?? '?'}`}`;
  return { config, store: instanceAdapters(config).store(), where };
}
