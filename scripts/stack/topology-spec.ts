import { TOPICS } from '../../shared/messages/topics.js';
import type { TopicName } from '../../shared/messages/topics.js';

/** The five functions served from functions/index.ts (the entry point is the registered name). */
export const FUNCTION_NAMES = ['fetchMarketData', 'generateSignals', 'persistState', 'notifyDiscord', 'recordDeadLetter'] as const;

/** One of `FUNCTION_NAMES`. */
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Pub/Sub's redelivery backoff after a nack (a non-2xx push response), in seconds. */
export interface RetryBackoff {
  readonly minimumSeconds: number;
  readonly maximumSeconds: number;
}

/** One push subscription of the deployed topology: which topic feeds which function, and how. */
export interface PushSubscriptionSpec {
  readonly topic: TopicName;
  readonly target: FunctionName;
  /** A Pub/Sub filter expression on attributes (≤ 256 bytes); messages it rejects are acknowledged unseen. */
  readonly filter?: string;
  /** Per-symbol topics: one ordering key's messages are pushed one at a time, in publish order. */
  readonly ordered: boolean;
  /** Moves a message to `dead-letters` after DEAD_LETTER_MAX_ATTEMPTS deliveries (not on the dead-letter feed itself). */
  readonly deadLetter: boolean;
}

/** The topics, in pipeline order. */
export const TOPIC_SPECS: readonly TopicName[] = [
  TOPICS.scanRequests,
  TOPICS.marketBars,
  TOPICS.analyses,
  TOPICS.events,
  TOPICS.deadLetters,
  TOPICS.maintenance,
];

/** The retry policy of every push subscription in production (Pub/Sub's own bounds are 0–600 s). */
export const PRODUCTION_BACKOFF: RetryBackoff = { minimumSeconds: 10, maximumSeconds: 600 };

/** Every push subscription's ack deadline: the functions' timeout (terraform/functions.tf). */
export const ACK_DEADLINE_SECONDS = 120;

/** notifyDiscord renders every `signal.*` event; order and position events (executeOrders, later) pass it by. */
export const NOTIFY_FILTER = 'hasPrefix(attributes.type, "signal.")';

/** A subscription's name, as Terraform names it: `test-notifyDiscord-push` (`live-` when ENVIRONMENT=prod). */
export function subscriptionName(environment: 'dev' | 'prod', target: FunctionName): string {
  return `${environment === 'prod' ? 'live' : 'test'}-${target}-push`;
}

/**
 * The push subscriptions production uses (DESIGN §1–§2), as data: `scripts/stack/topology.ts` creates them on the
 * emulator, and `terraform/locals.tf` + `functions.tf` declare the same list (test/scripts/stack/topology-spec.test.ts checks).
 */
export const SUBSCRIPTION_SPECS: readonly PushSubscriptionSpec[] = [
  { topic: TOPICS.scanRequests, target: 'fetchMarketData', ordered: false, deadLetter: true },
  { topic: TOPICS.marketBars, target: 'generateSignals', ordered: true, deadLetter: true },
  { topic: TOPICS.analyses, target: 'persistState', ordered: true, deadLetter: true },
  { topic: TOPICS.events, target: 'notifyDiscord', filter: NOTIFY_FILTER, ordered: false, deadLetter: true },
  { topic: TOPICS.deadLetters, target: 'recordDeadLetter', ordered: false, deadLetter: false },
];
