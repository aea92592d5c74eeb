import { z } from 'zod';
import { createLogger } from '../../../shared/log/logger.js';
import type { Logger, LoggingOptions } from '../../../shared/log/logger.js';

const Line = z.record(z.string(), z.unknown());

/** A logger writing into memory: `text()` is everything written, `entries()` the JSON lines parsed. */
export function captureLogger(options: LoggingOptions = {}, context: Record<string, unknown> = {}) {
  const chunks: string[] = [];
  const stream = { write: (chunk: string) => chunks.push(chunk), isTTY: false };
  const logger: Logger = createLogger(context, { format: 'json', level: 'debug', stream, ...options });
  return {
    logger,
    stream,
    text: (): string => chunks.join(''),
    entries: (): Array<Record<string, unknown>> =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => Line.parse(JSON.parse(line))),
  };
}
