import { SentinelError } from '../../shared/errors/errors.js';
import type { DecodeError, FieldProblem } from '../../shared/errors/errors.js';

/** The payload given to `publish` does not decode with its topic's schema; nothing was published. */
export class InvalidPayloadError extends SentinelError {
  readonly code = 'CLI.BAD_PAYLOAD';
  readonly problems: readonly FieldProblem[];
  /** What was decoded (`scan-requests payload`). */
  readonly source: string | undefined;
  constructor(cause: DecodeError) {
    super(cause.message, { cause });
    this.problems = cause.problems;
    this.source = cause.source;
  }
}

/** The configuration asks for an adapter (Pub/Sub, Firestore) that this build does not have. */
export class AdapterUnavailableError extends SentinelError {
  readonly code = 'CLI.ADAPTER_UNAVAILABLE';
}

/** Pub/Sub refused the message (a missing topic, no credentials, unreachable): nothing was published. */
export class PublishFailedError extends SentinelError {
  readonly code = 'CLI.PUBLISH_FAILED';
}
