import type { Config } from '../../shared/config/index.js';
import { AdapterUnavailableError } from './errors.js';

/**
 * Refuses to run the in-process bus when the configuration points at Pub/Sub (an emulator or a project):
 * publishing there silently on the local bus would look like success and reach nobody.
 */
export function assertLocalBus(config: Config): void {
  const { pubsubEmulatorHost, projectId } = config.gcp;
  const setting = pubsubEmulatorHost ? `PUBSUB_EMULATOR_HOST=${pubsubEmulatorHost}` : projectId ? `GOOGLE_CLOUD_PROJECT=${projectId}` : undefined;
  if (setting === undefined) return;
  throw new AdapterUnavailableError(
    `${setting} asks for Pub/Sub, but the Pub/Sub adapter is not in this build: nothing was published. ` +
      'Unset it to publish on the local in-process bus (SQLite).',
  );
}

/** Refuses to read a local SQLite file when the configuration says the state lives in Firestore. */
export function assertLocalStore(config: Config): void {
  if (config.store.kind === 'sqlite') return;
  throw new AdapterUnavailableError(
    `STORE=${config.store.kind}, but the Firestore adapter is not in this build. Unset STORE (or set STORE=sqlite) to use the local SQLite store.`,
  );
}
