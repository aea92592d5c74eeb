import { isAxiosError } from 'axios';
import { reduceAxiosError, reduceError } from './redact-error.js';
import type { Redaction } from './redact-error.js';
import { isSensitiveKey, REDACTED, textRedactor } from './redact-text.js';

export { REDACTED } from './redact-text.js';

/** Deeper values are replaced by a marker: a log line is not a dump. */
export const MAX_DEPTH = 10;
/** Arrays, sets and maps longer than this keep their first items and a count of the rest. */
export const MAX_ITEMS = 100;

/**
 * A deep copy of `value` that is safe to print: registered secrets and credential patterns masked, secret-named
 * keys blanked, errors and axios errors reduced to plain objects, cycles and depth cut. Never throws on odd input.
 */
export function redact(value: unknown): unknown {
  return walk(value, 0, false, { ancestors: new Set(), redactText: textRedactor() });
}

/** Per-call state: the objects on the current path (cycle check) and the string redactor. */
interface WalkState {
  ancestors: Set<object>;
  redactText: (text: string) => string;
}

function walk(value: unknown, depth: number, sensitive: boolean, state: WalkState): unknown {
  const { ancestors, redactText } = state;
  switch (typeof value) {
    case 'string':
      return sensitive ? REDACTED : redactText(value);
    case 'bigint':
      return sensitive ? REDACTED : value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (ancestors.has(value)) return '[Circular]';
  ancestors.add(value);
  try {
    const next = (child: unknown, childSensitive: boolean): unknown => walk(child, depth + 1, sensitive || childSensitive, state);
    return walkObject(value, { walk: next, text: redactText });
  } catch (error) {
    // A throwing getter, toJSON or revoked proxy must not turn a log call into a crash.
    return `[Unprintable: ${error instanceof Error ? redactText(error.message) : typeof error}]`;
  } finally {
    ancestors.delete(value);
  }
}

function walkObject(value: object, redaction: Redaction): unknown {
  const { walk: next, text: redactText } = redaction;
  if (isAxiosError(value)) return reduceAxiosError(value, redaction);
  if (value instanceof Error) return reduceError(value, redaction);
  if (Array.isArray(value)) return capped(value, next);
  if (value instanceof Set) return capped([...value], next);
  if (value instanceof Map) {
    const entries = [...value].slice(0, MAX_ITEMS).map(([key, item]) => {
      const name = typeof key === 'string' ? redactText(key) : (JSON.stringify(next(key, false)) ?? String(key));
      return [name, next(item, isSensitiveKey(name))];
    });
    if (value.size > MAX_ITEMS) entries.push(['…', `${value.size - MAX_ITEMS} more entries`]);
    return Object.fromEntries(entries);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return redactText(value.href);
  if (value instanceof RegExp) return value.toString();
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (isStreamLike(value)) return `[${value.constructor.name}]`;
  if (hasToJSON(value)) return next(value.toJSON(), false);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[redactText(key)] = next(item, isSensitiveKey(key));
  return out;
}

function capped(items: readonly unknown[], next: (child: unknown, sensitive: boolean) => unknown): unknown[] {
  const out = items.slice(0, MAX_ITEMS).map((item) => next(item, false));
  if (items.length > MAX_ITEMS) out.push(`…${items.length - MAX_ITEMS} more items`);
  return out;
}

/** Sockets, requests and responses are huge, cyclic and hold raw headers; their class name is all a log needs. */
function isStreamLike(value: object): boolean {
  return 'pipe' in value && typeof value.pipe === 'function';
}

function hasToJSON(value: object): value is { toJSON(): unknown } {
  return 'toJSON' in value && typeof value.toJSON === 'function';
}
