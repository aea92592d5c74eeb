import type { Logger } from '../../shared/log/logger.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import type { PushEventLike } from '../../shared/messages/envelope.js';
import type { DeadLetterStore } from '../../shared/store/store.port.js';
import { deadLetterOf } from './dead-letter-of.js';
import { fitLetter } from './fit-letter.js';

/**
 * The dead-letter subscription has no dead-letter topic of its own: a letter that could not be recorded for this
 * long is acknowledged with an error line instead of being retried forever (the archive pull subscription still
 * holds it for 7 days).
 */
export const MAX_RECORDING_AGE_MS = 24 * 3_600_000;

/** What recordDeadLetter needs from its instance. */
export interface RecordDeadLetterDeps {
  readonly store: Pick<DeadLetterStore, 'recordDeadLetter'>;
  readonly log: Logger;
  readonly now: () => Date;
}

/**
 * Push handler of the `dead-letters` topic: keeps every message there as a dead-letter record for
 * people to read and republish. No schema on purpose, since a poison message must be recordable too;
 * a redelivered letter is recorded once, cut to fit a stored document (`fitLetter`). Only a store failure throws
 * (transient, so Pub/Sub retries), and only for `MAX_RECORDING_AGE_MS`.
 */
export function createRecordDeadLetter(deps: RecordDeadLetterDeps): (event: PushEventLike) => Promise<void> {
  return async (event) => {
    const message = readPushMessage(event);
    const letter = fitLetter(deadLetterOf(message, deps.now().toISOString()));
    let result: 'recorded' | 'exists';
    try {
      result = await deps.store.recordDeadLetter(letter);
    } catch (error) {
      const ageMs = deps.now().getTime() - Date.parse(message.publishTime);
      if (!(ageMs > MAX_RECORDING_AGE_MS)) throw error;
      deps.log.error('dead letter could not be recorded for 24 h; acknowledged, the archive subscription keeps it', {
        id: letter.id,
        topic: letter.topic,
        ageMs,
        error,
      });
      return;
    }
    const fields = {
      event: 'dead_letter.recorded',
      id: letter.id,
      topic: letter.topic,
      subscription: letter.subscription,
      field: letter.field,
      attempts: letter.attempts,
      ...(letter.original === undefined ? {} : { truncatedFromBytes: letter.original.bytes, sha256: letter.original.sha256 }),
    };
    if (result === 'exists') {
      deps.log.debug('dead letter already recorded', fields);
      return;
    }
    deps.log.error(`dead letter recorded: ${letter.error}`, fields);
  };
}
