import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded when first asked for, not when the module naming it is imported: the Google Cloud
 * clients take about 0.4 s to load, and a local run (SQLite, DuckDB, the in-process bus) never uses them.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
