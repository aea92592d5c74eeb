import { log as processLog } from '../log/logger.js';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact-text.js';

/**
 * What leaves a guarded handler instead of the error it threw: a fixed text naming the function and the error's
 * class and code. functions-framework prints a thrown error's `stack` with `console.error` and answers with its
 * `message`, outside our redactor, so nothing of the original (which may quote a secret) is left on it.
 */
export class HandlerFailedError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorName: string,
    readonly errorCode: string | undefined,
  ) {
    super(
      `${functionName} failed with ${errorName}${errorCode === undefined ? '' : ` (${errorCode})`}; the redacted error is in the log line before`,
    );
    this.name = 'HandlerFailedError';
    // The crash printer shows this, not a trace through our code.
    this.stack = `${this.name}: ${this.message}`;
  }
}

const SAFE_TOKEN = /^[A-Za-z][\w.-]{0,60}$/;

function safeToken(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = redactText(String(value));
  return SAFE_TOKEN.test(text) ? text : undefined;
}

/**
 * Wraps a function's handler for registration with functions-framework: an error it throws is logged once through
 * the redacting logger (message, stack, cause chain, each masked), then replaced by a `HandlerFailedError` that
 * carries no text of its own, so Pub/Sub still sees a failure and redelivers, and the crash printer has no secret
 * to print.
 */
export function guardHandler<E>(
  name: string,
  handler: (event: E) => Promise<void>,
  logger: Logger = processLog,
): (event: E) => Promise<void> {
  return async (event) => {
    try {
      await handler(event);
      logger.info(`${name} done`, { event: 'handler.completed', function: name });
    } catch (error) {
      const errorName = safeToken(error instanceof Error ? error.name : typeof error) ?? 'Error';
      const errorCode = safeToken(typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined);
      logger.error(`${name} failed; the message will be redelivered`, { event: 'handler.failed', function: name, error });
      throw new HandlerFailedError(name, errorName, errorCode);
    }
  };
}
