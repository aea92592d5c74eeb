import { z } from 'zod';

/** The groups of `.env.example` and of docs/configuration.md, in display order. */
export const ENV_GROUPS = [
  'Environment',
  'Universe',
  'Market data',
  'Signal rules',
  'Trading and risk',
  'Storage',
  'Events',
  'Discord',
  'Secrets',
  'Logging',
  'Runtime',
] as const;

/** A group of variables. */
export type EnvGroup = (typeof ENV_GROUPS)[number];

/** What the docs and `.env.example` say about one variable. */
export interface EnvDoc {
  /** One sentence: what the variable changes. */
  readonly description: string;
  readonly group: EnvGroup;
  /** The default in words, for defaults computed from other variables (otherwise read from the schema). */
  readonly defaultText?: string;
  /** The value written in `.env.example` when it differs from the default (empty = leave unset). */
  readonly example?: string;
}

/** Registry of the documentation of every variable of the schema (zod metadata). */
export const envDocs = z.registry<EnvDoc>();

/** Attaches its documentation to a variable's schema and returns the schema. */
export function documented<S extends z.ZodType>(schema: S, doc: EnvDoc): S {
  envDocs.add(schema, doc);
  return schema;
}
