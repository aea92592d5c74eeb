import type { PubSub } from '@google-cloud/pubsub';
import type * as PubSubSdk from '@google-cloud/pubsub';
import { lazyPackage } from '../runtime/lazy-package.js';

const pubSubSdk = lazyPackage<typeof PubSubSdk>('@google-cloud/pubsub');
import type { Config } from '../config/index.js';
import { ConfigError } from '../errors/errors.js';

/** The project an emulator run uses when GOOGLE_CLOUD_PROJECT is unset (the emulator accepts any id). */
export const LOCAL_PROJECT_ID = 'crypto-sentinel-local';

/** Whether the configuration asks for Pub/Sub: an emulator host or a Google Cloud project. */
export function wantsPubSub(config: Pick<Config, 'gcp'>): boolean {
  return config.gcp.pubsubEmulatorHost !== undefined || config.gcp.projectId !== undefined;
}

/** The project Pub/Sub calls go to: GOOGLE_CLOUD_PROJECT, or the local id on an emulator; a `ConfigError` otherwise. */
export function pubsubProjectId(config: Pick<Config, 'gcp'>): string {
  const { projectId, pubsubEmulatorHost } = config.gcp;
  if (projectId !== undefined) return projectId;
  if (pubsubEmulatorHost !== undefined) return LOCAL_PROJECT_ID;
  throw new ConfigError([
    { variable: 'GOOGLE_CLOUD_PROJECT', reason: 'Pub/Sub needs a project (or PUBSUB_EMULATOR_HOST for the emulator)' },
  ]);
}

/**
 * A Pub/Sub client for the configured project. With PUBSUB_EMULATOR_HOST set the library talks to the emulator
 * without credentials; otherwise Application Default Credentials are used.
 */
export function createPubSubClient(config: Pick<Config, 'gcp'>): PubSub {
  const projectId = pubsubProjectId(config);
  const host = config.gcp.pubsubEmulatorHost;
  const { PubSub } = pubSubSdk();
  return host === undefined ? new PubSub({ projectId }) : new PubSub({ projectId, apiEndpoint: host, emulatorMode: true });
}
