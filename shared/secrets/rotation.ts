import { createHash } from 'node:crypto';
import type { SecretName } from './secret-names.js';
import type { Secrets } from './secrets.js';

/** A digest of the values of `names` (never logged: it only tells whether any of them changed). */
function fingerprint(secrets: Pick<Secrets, 'getSecret'>, names: readonly SecretName[]): string {
  const hash = createHash('sha256');
  for (const name of names) hash.update(`${name}\0${secrets.getSecret(name) ?? ''}\0`);
  return hash.digest('hex');
}

/**
 * Something built from secrets (a Discord sink, a client) that is built again when one of `names` rotates:
 * each call loads the secrets (cached for SECRET_CACHE_TTL_SECONDS by `loadSecrets`) and rebuilds only when a
 * value changed. A failed build throws and is tried again at the next call.
 */
export function rebuildOnRotation<T, S extends Pick<Secrets, 'getSecret'> = Pick<Secrets, 'getSecret'>>(
  load: () => Promise<S>,
  names: readonly SecretName[],
  build: (secrets: S) => T,
): () => Promise<T> {
  let built: { key: string; value: T } | undefined;
  return async () => {
    const secrets = await load();
    const key = fingerprint(secrets, names);
    if (built?.key !== key) built = { key, value: build(secrets) };
    return built.value;
  };
}
