import type { Config } from '../../shared/config/index.js';
import { AdapterUnavailableError } from './errors.js';

/** Refuses to read a local SQLite file when the configuration says the state lives in Firestore. */
export function assertLocalStore(config: Config): void {
  if (config.store.kind === 'sqlite') return;
  throw new AdapterUnavailableError(
    `STORE=${config.store.kind}, but the Firestore adapter is not in this build. Unset STORE (or set STORE=sqlite) to use the local SQLite store.`,
  );
}
