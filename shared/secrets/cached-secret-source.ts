import { registerSecret } from '../log/secret-registry.js';
import type { SecretName } from './secret-names.js';
import type { SecretSource } from './secret-source.port.js';

/** How long a value is used before it is read again; `now` is the wall clock in ms (sinon's in tests). */
export interface SecretCacheOptions {
  /** 0 reads the source on every use. */
  readonly ttlMs: number;
  readonly now?: () => number;
}

interface Entry {
  readonly value: Promise<string | undefined>;
  readonly loadedAt: number;
}

/**
 * Asks the wrapped source once per name and TTL, and registers each value with the log redactor the moment it
 * arrives; a value replaced by a rotation stays registered (the registry only grows), so an old key still in
 * flight is masked too. A failed first read is forgotten, so it can be retried; a failed re-read keeps serving
 * the value it had and tries again at the next use (a Secret Manager outage does not stop a running instance).
 */
export class CachedSecretSource implements SecretSource {
  readonly #inner: SecretSource;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<SecretName, Entry>();

  constructor(inner: SecretSource, options: SecretCacheOptions = { ttlMs: Number.POSITIVE_INFINITY }) {
    this.#inner = inner;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  get(name: SecretName): Promise<string | undefined> {
    const entry = this.#cache.get(name);
    const now = this.#now();
    if (entry !== undefined && now - entry.loadedAt < this.#ttlMs) return entry.value;
    const value = this.#load(name, entry);
    this.#cache.set(name, { value, loadedAt: now });
    return value;
  }

  async #load(name: SecretName, previous: Entry | undefined): Promise<string | undefined> {
    try {
      const value = await this.#inner.get(name);
      registerSecret(value);
      return value;
    } catch (error) {
      if (previous === undefined) {
        this.#cache.delete(name);
        throw error;
      }
      const stale = previous.value;
      // Serve the last good value and let the next use try again.
      this.#cache.set(name, { value: stale, loadedAt: Number.NEGATIVE_INFINITY });
      return stale;
    }
  }
}
