import { inspect } from 'node:util';
import { ConfigError } from '../errors/errors.js';
import { SECRET_NAMES } from './secret-names.js';
import type { SecretName } from './secret-names.js';

/**
 * The secrets loaded for this instance. Values sit in a private field: `JSON.stringify` and
 * `util.inspect` show which names are set, never a value.
 */
export class Secrets {
  readonly #values: ReadonlyMap<SecretName, string>;
  readonly #whereToSet: (name: SecretName) => string;

  constructor(values: ReadonlyMap<SecretName, string>, whereToSet: (name: SecretName) => string) {
    this.#values = values;
    this.#whereToSet = whereToSet;
  }

  /** The value of `name`, or undefined when it is not set. */
  getSecret(name: SecretName): string | undefined {
    return this.#values.get(name);
  }

  /** The value of `name`; throws `ConfigError` saying where to set it when it is missing. */
  requireSecret(name: SecretName): string {
    const value = this.#values.get(name);
    if (value !== undefined) return value;
    const reason = `is not set (${this.#whereToSet(name)})`;
    throw new ConfigError([{ variable: name, reason }], `secret ${name} ${reason}`);
  }

  /** Whether `name` has a value. */
  has(name: SecretName): boolean {
    return this.#values.has(name);
  }

  /** Both Alpaca keys, or undefined unless both are set. */
  alpacaCredentials(): { keyId: string; secretKey: string } | undefined {
    const keyId = this.#values.get('ALPACA_API_KEY');
    const secretKey = this.#values.get('ALPACA_SECRET_KEY');
    return keyId !== undefined && secretKey !== undefined ? { keyId, secretKey } : undefined;
  }

  /** Names only: which secrets are set and which are not. */
  toJSON(): { set: SecretName[]; unset: SecretName[] } {
    return {
      set: SECRET_NAMES.filter((name) => this.#values.has(name)),
      unset: SECRET_NAMES.filter((name) => !this.#values.has(name)),
    };
  }

  [inspect.custom](): string {
    const { set, unset } = this.toJSON();
    return `Secrets { set: [${set.join(', ')}], unset: [${unset.join(', ')}] }`;
  }

  /** Same as `util.inspect`: names only. */
  toString(): string {
    return this[inspect.custom]();
  }
}
