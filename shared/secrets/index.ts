/** Public surface of the secrets module. */
export { loadSecrets, resetSecretsForTests } from './load-secrets.js';
export type { LoadSecretsOptions, SecretManagerClientFactory } from './load-secrets.js';
export { Secrets } from './secrets.js';
export { SECRETS, SECRET_NAMES } from './secret-names.js';
export type { SecretName } from './secret-names.js';
export type { SecretSource } from './secret-source.port.js';
export { EnvSecretSource } from './env-secret-source.js';
export { SecretManagerSource, secretVersionName } from './secret-manager-source.js';
export type { SecretManagerClient } from './secret-manager-source.js';
