import { registerSecret } from '../log/secret-registry.js';
import type { SecretName } from './secret-names.js';
import type { SecretSource } from './secret-source.port.js';

/**
 * Asks the wrapped source at most once per name for the life of the instance, and registers each
 * value with the log redactor the moment it arrives. A failed read is forgotten, so it can be retried.
 */
export class CachedSecretSource implements SecretSource {
  readonly #inner: SecretSource;
  readonly #cache = new Map<SecretName, Promise<string | undefined>>();

  constructor(inner: SecretSource) {
    this.#inner = inner;
  }

  get(name: SecretName): Promise<string | undefined> {
    let pending = this.#cache.get(name);
    if (pending === undefined) {
      pending = this.#load(name);
      this.#cache.set(name, pending);
    }
    return pending;
  }

  async #load(name: SecretName): Promise<string | undefined> {
    try {
      const value = await this.#inner.get(name);
      registerSecret(value);
      return value;
    } catch (error) {
      this.#cache.delete(name);
      throw error;
    }
  }
}
