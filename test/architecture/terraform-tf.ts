import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The terraform/ directory of the repository. */
export const TERRAFORM_DIR = fileURLToPath(new URL('../../terraform/', import.meta.url));

/** One .tf file of terraform/ (relative path, e.g. `secrets.tf` or `modules/secure-web-proxy/main.tf`). */
export function tf(path: string): string {
  return readFileSync(join(TERRAFORM_DIR, path), 'utf8');
}

/** Every .tf file of the root module, concatenated. */
export function rootModule(): string {
  return readdirSync(TERRAFORM_DIR)
    .filter((name) => name.endsWith('.tf'))
    .map((name) => tf(name))
    .join('\n');
}

/** The body of `resource "<type>" "<name>" { ... }` (brace-matched), or undefined. */
export function block(text: string, header: string): string | undefined {
  const start = text.indexOf(header);
  if (start < 0) return undefined;
  let depth = 0;
  for (let i = text.indexOf('{', start); i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

/** The default of `variable "<name>"`, as written. */
export function variableDefault(text: string, name: string): string | undefined {
  const body = block(text, `variable "${name}"`);
  return body === undefined ? undefined : /\n\s*default\s*=\s*(.+)/.exec(body)?.[1]?.trim();
}
