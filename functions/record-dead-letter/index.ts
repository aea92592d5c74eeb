import type { Logger } from '../../shared/log/logger.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import type { PushEventLike } from '../../shared/messages/envelope.js';
import type { DeadLetterStore } from '../../shared/store/store.port.js';
import { deadLetterOf } from './dead-letter-of.js';

/** What recordDeadLetter needs from its instance. */
export interface RecordDeadLetterDeps {
  readonly store: Pick<DeadLetterStore, 'recordDeadLetter'>;
  readonly log: Logger;
  readonly now: () => Date;
}

/**
 * Push handler of the `dead-letters` topic: keeps every message there as a dead-letter record for
 * people to read and republish. No schema on purpose, since a poison message must be recordable too;
 * a redelivered letter is recorded once. Only a store failure throws (transient, so Pub/Sub retries).
 */
export function createRecordDeadLetter(deps: RecordDeadLetterDeps): (event: PushEventLike) => Promise<void> {
  return async (event) => {
    const letter = deadLetterOf(readPushMessage(event), deps.now().toISOString());
    const result = await deps.store.recordDeadLetter(letter);
    const fields = {
      id: letter.id,
      topic: letter.topic,
      subscription: letter.subscription,
      field: letter.field,
      attempts: letter.attempts,
    };
    if (result === 'exists') {
      deps.log.debug('dead letter already recorded', fields);
      return;
    }
    deps.log.error(`dead letter recorded: ${letter.error}`, fields);
  };
}
