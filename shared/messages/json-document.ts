import type { z } from 'zod';
import { DecodeError, InvalidArgumentError } from '../errors/errors.js';
import type { DeepReadonly } from './fields.js';
import { fieldProblems } from './problems.js';

/**
 * The JSON of `value`, after checking that it decodes with `schema` (NaN readings become `null`, so the
 * check runs on what a reader will see). A value that would not decode is a caller's bug:
 * `InvalidArgumentError` naming `argument.field`.
 */
export function toCheckedJson<S extends z.ZodType>(schema: S, value: DeepReadonly<z.output<S>>, argument: string): string {
  const json = JSON.stringify(value);
  const wire: unknown = JSON.parse(json);
  const parsed = schema.safeParse(wire);
  if (!parsed.success) {
    const [first] = fieldProblems(parsed.error.issues, wire, argument);
    throw new InvalidArgumentError(first.field === argument ? argument : `${argument}.${first.field}`, first.reason);
  }
  return json;
}

/** Decodes an already-parsed JSON value with `schema`, or throws a `DecodeError` naming every bad field. */
export function decodeValue<S extends z.ZodType>(schema: S, wire: unknown, root: string, source?: string): z.output<S> {
  const parsed = schema.safeParse(wire);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = fieldProblems(parsed.error.issues, wire, root);
  throw new DecodeError([first, ...rest], source);
}

/** Decodes a stored JSON document with `schema`; `source` says which (`stored signal "…"`). */
export function fromJson<S extends z.ZodType>(schema: S, json: string, source: string): z.output<S> {
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new DecodeError([{ field: 'document', reason: `is not JSON (${error.message})` }], source);
  }
  return decodeValue(schema, wire, 'document', source);
}
