import { formatJson, formatPretty } from './format.js';
import type { LogEntry } from './format.js';
import { redact } from './redact.js';
import { redactSecretValues } from './redact-text.js';

/** Level names as the config module parses them (`LOG_LEVEL`), lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** Output formats as the config module parses them (`LOG_FORMAT`). */
export const LOG_FORMATS = ['json', 'pretty'] as const;

/** A minimum level or an entry's level. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `json` for Cloud Logging, `pretty` for a terminal. */
export type LogFormat = (typeof LOG_FORMATS)[number];
/** Context and per-entry fields; any value, redacted on write. */
export type LogFields = Record<string, unknown>;

/** Where lines go; `process.stdout` fits, and so does a test's capture. `isTTY` picks the default format. */
export interface LogStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Process-wide or per-logger settings; anything unset falls back to the process-wide value at write time. */
export interface LoggingOptions {
  format?: LogFormat;
  level?: LogLevel;
  stream?: LogStream;
}

/** The one logging interface of the system: every value passes through `redact` before it is written. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(extra: LogFields): Logger;
}

const SEVERITY: Record<LogLevel, LogEntry['severity']> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
};

let processOptions: LoggingOptions = {};

/** Sets the process-wide format, level and stream; the config module calls it once from `LOG_FORMAT`/`LOG_LEVEL`. */
export function configureLogging(options: LoggingOptions): void {
  processOptions = { ...processOptions, ...options };
}

/** Forgets `configureLogging` settings (tests only). */
export function resetLogging(): void {
  processOptions = {};
}

/**
 * A logger writing one line per entry, all levels to one stream (stdout by default) so ordering is kept;
 * Cloud Logging reads the level from `severity`, not from the stream. JSON unless the stream is a TTY.
 */
export function createLogger(context: LogFields = {}, options: LoggingOptions = {}): Logger {
  const write = (level: LogLevel, message: string, fields: LogFields | undefined): void => {
    const stream = options.stream ?? processOptions.stream ?? process.stdout;
    const minimum = options.level ?? processOptions.level ?? 'info';
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(minimum)) return;
    const format = options.format ?? processOptions.format ?? (stream.isTTY === true ? 'pretty' : 'json');
    const entry: LogEntry = {
      severity: SEVERITY[level],
      message: String(redact(message)),
      time: new Date().toISOString(),
      fields: toFields(redact({ ...context, ...fields })),
    };
    const line = format === 'pretty' ? formatPretty(entry) : formatJson(entry);
    stream.write(`${redactSecretValues(line)}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (extra) => createLogger({ ...context, ...extra }, options),
  };
}

function toFields(value: unknown): LogFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

/** The process logger; functions take children of it with their `runId`, `symbol` or `eventId`. */
export const log: Logger = createLogger();
