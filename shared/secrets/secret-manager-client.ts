import { createRequire } from 'node:module';
import type * as SecretManagerModule from '@google-cloud/secret-manager';
import type { SecretManagerClient } from './secret-manager-source.js';

const require = createRequire(import.meta.url);

/**
 * The real `SecretManagerServiceClient`, loaded only when Secret Manager is used (its gRPC stack costs a
 * local run start-up time and nothing else needs it). Credentials come from the runtime's service account.
 */
export function createSecretManagerClient(): SecretManagerClient {
  const { SecretManagerServiceClient } = require('@google-cloud/secret-manager') as typeof SecretManagerModule;
  return new SecretManagerServiceClient();
}
