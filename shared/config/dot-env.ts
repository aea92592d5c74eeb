import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** The variables of a `.env` file, parsed without touching `process.env`. */
export interface DotEnvFile {
  readonly path: string;
  readonly values: Readonly<Record<string, string>>;
}

/** Reads `<cwd>/.env` with Node's own parser (`util.parseEnv`); undefined when there is no such file. */
export function readDotEnv(cwd: string): DotEnvFile | undefined {
  const path = join(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (typeof value === 'string') values[name] = value;
  }
  return { path, values };
}

/** The reason a `.env` file is refused in production, shared by config and secrets loading. */
export const DOT_ENV_REFUSED_IN_PRODUCTION =
  'a .env file is refused in production (ENVIRONMENT=prod on Cloud Functions): configure variables on the function and secrets in Secret Manager, and remove the file';
