import { createHash } from 'node:crypto';
import type { Config } from './config.types.js';

/**
 * A short digest of the effective configuration (which holds no secret: those load separately), logged at cold
 * start so a change of deployed settings shows in the audit trail and two instances can be compared.
 */
export function configHash(config: Config): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}
