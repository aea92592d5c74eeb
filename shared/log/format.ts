/** One redacted log entry, ready to be written; `severity` uses Cloud Logging's names. */
export interface LogEntry {
  severity: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
  message: string;
  time: string;
  fields: Record<string, unknown>;
}

const RESERVED = new Set(['severity', 'message', 'time']);

/** A Cloud Logging structured line; a field named like a core key is kept as `_key` instead of overwriting it. */
export function formatJson(entry: LogEntry): string {
  const line: Record<string, unknown> = { severity: entry.severity, message: entry.message, time: entry.time };
  for (const [key, value] of Object.entries(entry.fields)) line[RESERVED.has(key) ? `_${key}` : key] = value;
  return JSON.stringify(line);
}

const LABEL: Record<LogEntry['severity'], string> = { DEBUG: 'DEBUG', INFO: 'INFO', WARNING: 'WARN', ERROR: 'ERROR' };

/** A line for a terminal: `12:00:01 INFO  message  key=value`, then the stack of any error field, indented. */
export function formatPretty(entry: LogEntry): string {
  const pairs: string[] = [];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(entry.fields)) {
    if (value === undefined) continue;
    if (hasStack(value)) {
      stacks.push(value.stack.replace(/^/gm, '    '));
      pairs.push(`${key}=${JSON.stringify({ ...value, stack: undefined })}`);
    } else {
      pairs.push(`${key}=${pretty(value)}`);
    }
  }
  const head = `${entry.time.slice(11, 19)} ${LABEL[entry.severity].padEnd(5)} ${entry.message}`;
  return [pairs.length > 0 ? `${head}  ${pairs.join(' ')}` : head, ...stacks].join('\n');
}

function pretty(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function hasStack(value: unknown): value is { stack: string } {
  return typeof value === 'object' && value !== null && 'stack' in value && typeof value.stack === 'string';
}
