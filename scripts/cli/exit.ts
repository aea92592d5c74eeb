import { ConfigError } from '../../shared/errors/errors.js';
import { redactText } from '../../shared/log/redact-text.js';
import { BrokerError } from '../../shared/trading/broker.port.js';
import { UsageError } from '../replay/cli-options.js';
import { AdapterUnavailableError, InvalidPayloadError, PublishFailedError } from './errors.js';
import type { Writer } from './io.js';
import { USAGE } from './usage.js';

/**
 * Exit codes: 2 for a bad command line or payload, 69 (EX_UNAVAILABLE) when Pub/Sub refused a publish or the broker
 * failed, 78 (EX_CONFIG) for configuration.
 */
export const EXIT = { usage: 2, unavailable: 69, config: 78 } as const;

/**
 * Turns an error a command is expected to raise into its message on stderr and exit code; anything
 * else is a bug and is rethrown (Node prints the stack, exit 1).
 */
export function exitCodeFor(error: unknown, err: Writer): number {
  if (error instanceof UsageError) {
    err.write(`error: ${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (error instanceof InvalidPayloadError) {
    const fields = error.problems.map((p) => `  field "${p.field}" ${p.reason}`).join('\n');
    err.write(`error: ${error.source ?? 'the payload'} does not match its schema; nothing was published\n${fields}\n`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    err.write(`configuration error:\n${error.message}\n`);
    return EXIT.config;
  }
  if (error instanceof PublishFailedError) {
    err.write(`error: ${error.message}\n`);
    return EXIT.unavailable;
  }
  if (error instanceof BrokerError) {
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    err.write(`error: the broker failed: ${redactText(error.message)}${status}; run the command again when it answers\n`);
    return EXIT.unavailable;
  }
  if (error instanceof AdapterUnavailableError) {
    err.write(`error: ${error.message}\n`);
    return EXIT.config;
  }
  throw error;
}
