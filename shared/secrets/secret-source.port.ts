import type { SecretName } from './secret-names.js';

/** Where secret values come from (Secret Manager, or the environment and `.env` locally). */
export interface SecretSource {
  /** The value of `name`, or undefined when the source has none; throws only when the source failed. */
  get(name: SecretName): Promise<string | undefined>;
}
