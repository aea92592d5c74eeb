import type { z } from 'zod';
import type { FieldProblem } from '../errors/errors.js';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** What a zod format check expects, said the way a person publishing a message would read it. */
const FORMATS: Readonly<Record<string, string>> = { uuid: 'a UUID', datetime: 'an ISO-8601 UTC time' };

/** Turns zod issues into one problem per bad field, naming the field and quoting the value found. */
export function fieldProblems(issues: readonly Issue[], input: unknown, root: string): FieldProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: dotted([...issue.path, key], root), reason: 'is not a known field' }));
    }
    const value = valueAt(input, issue.path);
    return [{ field: dotted(issue.path, root), reason: reasonFor(issue, value) }];
  });
}

function reasonFor(issue: Issue, value: Present): string {
  const expected = expectation(issue);
  if (!value.present) return expected ? `is missing: expected ${expected}` : 'is missing';
  const got = describe(value.value);
  switch (issue.code) {
    case 'too_small':
      return sizeReason(issue.origin, 'at least', issue.minimum, issue.inclusive, got);
    case 'too_big':
      return sizeReason(issue.origin, 'at most', issue.maximum, issue.inclusive, got);
    case 'custom':
      return `is invalid: ${issue.message}`;
    default:
      return `is invalid: expected ${expected ?? issue.message}, got ${got}`;
  }
}

/** A schema's own `error` text is phrased as what it expects; zod's defaults start "Invalid…" or "Too…". */
const ZOD_DEFAULT = /^(Invalid|Too )/;

function expectation(issue: Issue): string | undefined {
  if (issue.code !== 'custom' && !ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'a finite number' : `${article(issue.expected)} ${issue.expected}`;
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? oneOf(issue.options) : undefined;
    case 'invalid_format':
      return FORMATS[issue.format] ?? `a ${issue.format}`;
    default:
      return undefined;
  }
}

function sizeReason(origin: string, bound: string, limit: number | bigint, inclusive = true, got: string): string {
  if ((origin === 'array' || origin === 'string') && Number(limit) === 1 && bound === 'at least') return 'must not be empty';
  const unit = origin === 'array' ? ' items' : origin === 'string' ? ' characters' : '';
  const relation = inclusive ? bound : bound === 'at least' ? 'more than' : 'less than';
  return `is invalid: expected ${relation} ${String(limit)}${unit}, got ${got}`;
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : String(v)));
  return shown.length === 1 ? shown[0] : `one of ${shown.join('|')}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** A value quoted for a log line: strings in quotes and cut short, containers by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 60 ? `${quoted.slice(0, 57)}…"` : quoted;
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

type Present = { present: true; value: unknown } | { present: false };

function valueAt(input: unknown, path: readonly PathKey[]): Present {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return { present: false };
    const next: unknown = Reflect.get(current, key);
    current = next;
  }
  return current === undefined ? { present: false } : { present: true, value: current };
}

function dotted(path: readonly PathKey[], root: string): string {
  return path.length === 0 ? root : path.map((key) => String(key)).join('.');
}
