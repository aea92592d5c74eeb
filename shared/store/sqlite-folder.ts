import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../errors/errors.js';

/**
 * Makes the folder of a local database file (SQLITE_PATH, or a file kept beside it). A folder that cannot be made
 * (a file in the way, no permission) is a configuration error naming SQLITE_PATH, not a crash.
 */
export function makeFolderOf(path: string): void {
  if (path === ':memory:') return;
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError([{ variable: 'SQLITE_PATH', reason: `the folder of ${path} cannot be made (${code})` }]);
  }
}
