import { readDotEnv } from '../config/dot-env.js';
import type { EnvRecord } from '../config/process-env.js';
import type { SecretName } from './secret-names.js';
import type { SecretSource } from './secret-source.port.js';

/**
 * Secrets from environment variables, then from the `.env` file of `cwd` (the environment wins;
 * an empty variable counts as unset). The file is parsed with `util.parseEnv` on first use and
 * never copied into `process.env`.
 */
export class EnvSecretSource implements SecretSource {
  readonly #env: EnvRecord;
  readonly #cwd: string;
  #file: Readonly<Record<string, string>> | undefined;

  constructor(options: { env: EnvRecord; cwd: string }) {
    this.#env = options.env;
    this.#cwd = options.cwd;
  }

  async get(name: SecretName): Promise<string | undefined> {
    this.#file ??= readDotEnv(this.#cwd)?.values ?? {};
    const value = this.#env[name]?.trim() || this.#file[name]?.trim();
    return value || undefined;
  }
}
