import type { z } from 'zod';
import type { DeepReadonly } from './fields.js';
import type { TopicName } from './topics.js';

/** What the envelope needs to know of a message: its schema, its topic and how it is keyed. */
export interface MessageKind<S extends z.ZodType = z.ZodType> {
  /** The `type` attribute of payloads that carry no `type` field of their own. */
  readonly type: string;
  readonly topic: TopicName;
  readonly schema: S;
  /** Per-symbol topics set `orderingKey` = symbol, so one symbol's messages arrive in order (DESIGN §2). */
  readonly orderedBySymbol: boolean;
  /**
   * Decode the JSON with the schema before publishing (default true). Off for the per-bar bulk kinds that our
   * own code produces every step: their consumer decodes with the same schema and dead-letters what fails, and
   * checking twice was a quarter of a replay's time.
   */
  readonly checkOnEncode?: boolean;
  /**
   * Writes a payload whose wire form is not its decoded form (a compact encoding) and says which version it wrote
   * (its `schemaVersion` attribute); `checkOnEncode` then does not apply: the consumer's schema is the check.
   */
  readonly toJson?: (payload: DeepReadonly<z.output<S>>) => { readonly json: string; readonly schemaVersion: number };
}
