import type { InProcessBus } from '../../shared/bus/in-process-bus.js';
import { DecodeError } from '../../shared/errors/errors.js';
import { AnalysisSchema } from '../../shared/messages/analysis.js';
import { decodePushEvent, readPushMessage } from '../../shared/messages/envelope.js';
import type { PushEventLike } from '../../shared/messages/envelope.js';
import { SignalEventSchema } from '../../shared/messages/events.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import { TOPICS } from '../../shared/messages/topics.js';
import type { DeadLetter } from '../../shared/store/store.port.js';
import { deadLetterOf } from '../../functions/record-dead-letter/dead-letter-of.js';

/** What one `publish` saw on the bus while the pipeline ran. */
export interface PublishObservations {
  /** Distinct messages per topic, in pipeline order. */
  readonly messages: Map<string, Set<string>>;
  /** Events by id (a redelivered event counts once). */
  readonly events: Map<string, SignalEvent>;
  readonly deadLetters: Map<string, DeadLetter>;
  /** Analyses seen, and the accepted and rejected setups they carried. */
  readonly analyses: { count: number; candidates: number; rejected: number };
}

/**
 * Subscribes one observer per topic (plain subscriptions beside the pipeline's own, as a monitoring
 * subscription would be). Observers never throw: a message they cannot read is only counted.
 */
export function observePublish(bus: InProcessBus): PublishObservations {
  const observed: PublishObservations = {
    messages: new Map(Object.values(TOPICS).map((topic) => [topic, new Set<string>()])),
    events: new Map(),
    deadLetters: new Map(),
    analyses: { count: 0, candidates: 0, rejected: 0 },
  };
  for (const topic of Object.values(TOPICS)) {
    bus.subscribe({ name: `sentinel-cli-${topic}`, topic }, async (event) => {
      observed.messages.get(topic)?.add(readPushMessage(event).messageId);
      if (topic === TOPICS.events) recordEvent(observed, event);
      if (topic === TOPICS.analyses) recordAnalysis(observed, event);
      if (topic === TOPICS.deadLetters) {
        const letter = deadLetterOf(readPushMessage(event), new Date().toISOString());
        observed.deadLetters.set(letter.id, letter);
      }
    });
  }
  return observed;
}

function recordEvent(observed: PublishObservations, event: PushEventLike): void {
  try {
    const { payload } = decodePushEvent(SignalEventSchema, event);
    observed.events.set(payload.eventId, payload);
  } catch (error) {
    // notifyDiscord dead-letters an unreadable event; the dead-letter observer reports it.
    if (!(error instanceof DecodeError)) throw error;
  }
}

function recordAnalysis(observed: PublishObservations, event: PushEventLike): void {
  try {
    const { payload } = decodePushEvent(AnalysisSchema, event);
    observed.analyses.count++;
    observed.analyses.candidates += payload.candidates.length;
    observed.analyses.rejected += payload.rejected.length;
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
}
