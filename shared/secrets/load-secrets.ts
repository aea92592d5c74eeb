import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.types.js';
import { DOT_ENV_REFUSED_IN_PRODUCTION } from '../config/dot-env.js';
import { processEnvironment } from '../config/process-env.js';
import type { EnvRecord } from '../config/process-env.js';
import { ConfigError } from '../errors/errors.js';
import { CachedSecretSource } from './cached-secret-source.js';
import { EnvSecretSource } from './env-secret-source.js';
import { createSecretManagerClient } from './secret-manager-client.js';
import { SecretManagerSource } from './secret-manager-source.js';
import type { SecretManagerClient } from './secret-manager-source.js';
import { SECRET_NAMES } from './secret-names.js';
import type { SecretName } from './secret-names.js';
import type { SecretSource } from './secret-source.port.js';
import { Secrets } from './secrets.js';

/** Builds the Secret Manager client (tests return undefined to see the error). */
export type SecretManagerClientFactory = () => SecretManagerClient | undefined;

/** What `loadSecrets` needs; everything but `config` is for tests or for the deps module of a function. */
export interface LoadSecretsOptions {
  readonly config: Pick<Config, 'environment' | 'runtime' | 'secrets' | 'gcp'>;
  /** A ready source; bypasses the choice below (still cached and registered). */
  readonly source?: SecretSource;
  /** The Secret Manager client when Secret Manager is used. */
  readonly client?: SecretManagerClient;
  readonly clientFactory?: SecretManagerClientFactory;
  /** Directory whose `.env` file is read locally (and refused in production). Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Environment for the local source. Default: the process environment. */
  readonly env?: EnvRecord;
  /** The secrets to load (a function loads only what it uses). Default: all. */
  readonly names?: readonly SecretName[];
  /** The wall clock in ms, for the cache's TTL (tests pass sinon's). */
  readonly now?: () => number;
}

const sources = new Map<unknown, CachedSecretSource>();

function chooseSource(options: LoadSecretsOptions, cwd: string): { key: unknown; build: () => SecretSource } {
  const { config, source: given } = options;
  if (given) return { key: given, build: () => given };
  if (!config.secrets.useSecretManager) {
    const env = options.env ?? processEnvironment();
    return { key: options.env ?? `env:${cwd}`, build: () => new EnvSecretSource({ env, cwd }) };
  }
  const projectId = config.gcp.projectId;
  const client = options.client ?? (options.clientFactory ?? createSecretManagerClient)();
  if (projectId === undefined || client === undefined) {
    throw new ConfigError([
      {
        variable: 'DISABLE_SECRET_MANAGER',
        reason: `Secret Manager is enabled but ${projectId === undefined ? 'GOOGLE_CLOUD_PROJECT is not set' : 'no Secret Manager client is available'}; set DISABLE_SECRET_MANAGER=true for local runs (secrets then come from the environment or .env)`,
      },
    ]);
  }
  return { key: options.client ?? `secret-manager:${projectId}`, build: () => new SecretManagerSource({ client, projectId }) };
}

/**
 * Loads the secrets this instance needs: values are cached per source for SECRET_CACHE_TTL_SECONDS, then read
 * again (a rotated secret takes effect without a redeploy), and registered with the log redactor as they arrive.
 * Call it again to see a rotation. All are optional here; a caller that needs one asks `requireSecret(name)`.
 */
export async function loadSecrets(options: LoadSecretsOptions): Promise<Secrets> {
  const { config } = options;
  const cwd = options.cwd ?? process.cwd();
  if (config.environment === 'prod' && config.runtime.onCloud && existsSync(join(cwd, '.env'))) {
    throw new ConfigError([{ variable: join(cwd, '.env'), reason: DOT_ENV_REFUSED_IN_PRODUCTION }]);
  }
  const { key, build } = chooseSource(options, cwd);
  let source = sources.get(key);
  if (source === undefined) {
    source = new CachedSecretSource(build(), {
      ttlMs: config.secrets.cacheTtlSeconds * 1000,
      ...(options.now ? { now: options.now } : {}),
    });
    sources.set(key, source);
  }
  const names = options.names ?? SECRET_NAMES;
  const values = new Map<SecretName, string>();
  for (const [i, value] of (await Promise.all(names.map((name) => source.get(name)))).entries()) {
    if (value !== undefined) values.set(names[i], value);
  }
  const project = config.gcp.projectId ?? '<GOOGLE_CLOUD_PROJECT>';
  const where = (name: SecretName): string =>
    `Secret Manager secret projects/${project}/secrets/${name} or env var (or .env file) when DISABLE_SECRET_MANAGER=true`;
  return new Secrets(values, where);
}

/** Forgets every cached source and value (tests only). */
export function resetSecretsForTests(): void {
  sources.clear();
}
