import { TOPICS } from '../shared/messages/topics.js';
import type { TopicName } from '../shared/messages/topics.js';
import type { SecretName } from '../shared/secrets/index.js';
import { FETCH_MARKET_DATA_TIMEOUT_SECONDS } from './fetch-market-data/shards.js';
import type { FunctionDeps, FunctionHandler } from './function-deps.js';
import { ROUTE_SECRETS } from './notify-discord/discord/routes.js';
import { SCHEDULES } from './schedules.js';

export { SCHEDULES } from './schedules.js';
export type { ScheduleRow } from './schedules.js';

/** Pub/Sub's redelivery backoff after a nack (a non-2xx push response), in seconds (Pub/Sub allows 0–600). */
export interface RetryBackoff {
  readonly minimumSeconds: number;
  readonly maximumSeconds: number;
}

/**
 * One deployed Cloud Function and its push subscription. functions/index.ts registers it, the local pipeline
 * and the emulator stack subscribe it, and `npm run topology:tf` writes it into terraform/topology.auto.tfvars.json.
 */
export interface FunctionRow {
  /** The functions-framework entry point, and Terraform's key for every resource of the function. */
  readonly name: string;
  /** The topic its push subscription reads. */
  readonly trigger: TopicName;
  /** A Pub/Sub filter expression on attributes, as Terraform takes it ('' for none). Immutable once deployed. */
  readonly filter: string;
  /** Per-key ordering: one ordering key's messages are pushed one at a time, in publish order. */
  readonly ordered: boolean;
  readonly retry: RetryBackoff;
  /** Moves a message to `dead-letters` after DEAD_LETTER_MAX_ATTEMPTS deliveries. */
  readonly deadLetter: boolean;
  readonly ackDeadlineSeconds: number;
  readonly maxInstances: number;
  /** Cloud Functions memory, e.g. `512Mi`. */
  readonly memory: string;
  readonly timeoutSeconds: number;
  /** Every topic it publishes on (a poison message's copy to `dead-letters` included): its publisher grants. */
  readonly publishes: readonly TopicName[];
  /** The Secret Manager secrets it reads: its accessor grants, and what its deps load. */
  readonly secrets: readonly SecretName[];
  /** The state store it touches: `firestore` gets it roles/datastore.user. */
  readonly store: 'firestore' | 'none';
  /** Builds its handler, once per instance, at the first message. */
  readonly build: (deps: FunctionDeps) => FunctionHandler | Promise<FunctionHandler>;
}

/**
 * A row's builder whose module is loaded at the first build: an instance (a deployed function, or a thread of the
 * local pipeline) loads the code of the functions it runs, not the whole table's.
 */
function lazyBuild(load: () => Promise<{ readonly build: FunctionRow['build'] }>): FunctionRow['build'] {
  return async (deps) => (await load()).build(deps);
}

/** The retry policy of every push subscription in production. */
export const PRODUCTION_BACKOFF: RetryBackoff = { minimumSeconds: 10, maximumSeconds: 600 };

/** What every row shares unless it says otherwise: the ack deadline is the function's timeout. */
const PUSH_DEFAULTS = {
  retry: PRODUCTION_BACKOFF,
  deadLetter: true,
  ackDeadlineSeconds: 120,
  timeoutSeconds: 120,
  memory: '512Mi',
} as const;

/** The webhooks of a function that posts only system notices: the system route, or the test route in test mode. */
const SYSTEM_ROUTE_SECRETS: readonly SecretName[] = [ROUTE_SECRETS.test, ROUTE_SECRETS.system];

/** The topics (DESIGN §1), in pipeline order. */
export const TOPIC_LIST: readonly TopicName[] = [
  TOPICS.scanRequests,
  TOPICS.marketBars,
  TOPICS.analyses,
  TOPICS.events,
  TOPICS.deadLetters,
  TOPICS.maintenance,
  TOPICS.secretRotations,
];

/** The deployed functions, one row each (DESIGN §1–§2). */
export const FUNCTIONS = [
  {
    ...PUSH_DEFAULTS,
    name: 'fetchMarketData',
    trigger: TOPICS.scanRequests,
    filter: '',
    ordered: false,
    // One instance: one throttle for Alpaca's 200 requests a minute; a large scan runs as a chain of shards, each far
    // inside this timeout (docs/scale.md).
    maxInstances: 1,
    ackDeadlineSeconds: FETCH_MARKET_DATA_TIMEOUT_SECONDS,
    timeoutSeconds: FETCH_MARKET_DATA_TIMEOUT_SECONDS,
    publishes: [TOPICS.marketBars, TOPICS.scanRequests, TOPICS.deadLetters],
    secrets: ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'],
    store: 'firestore',
    build: lazyBuild(() => import('./fetch-market-data/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'generateSignals',
    trigger: TOPICS.marketBars,
    filter: '',
    ordered: true,
    maxInstances: 20,
    publishes: [TOPICS.analyses, TOPICS.deadLetters],
    secrets: [],
    store: 'none',
    build: lazyBuild(() => import('./generate-signals/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'persistState',
    trigger: TOPICS.analyses,
    filter: '',
    ordered: true,
    maxInstances: 10,
    publishes: [TOPICS.events, TOPICS.deadLetters],
    secrets: [],
    store: 'firestore',
    build: lazyBuild(() => import('./persist-state/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'notifyDiscord',
    trigger: TOPICS.events,
    // Every signal, trade and position event (skips and fills reach Discord too).
    filter:
      'hasPrefix(attributes.type, "signal.") OR hasPrefix(attributes.type, "trade.") OR hasPrefix(attributes.type, "position.")',
    ordered: false,
    maxInstances: 5,
    publishes: [TOPICS.deadLetters],
    secrets: Object.values(ROUTE_SECRETS),
    store: 'firestore',
    build: lazyBuild(() => import('./notify-discord/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'executeOrders',
    trigger: TOPICS.events,
    // New signals and their lifecycle steps; shadows, gaps and its own trade events pass it by.
    filter:
      'hasPrefix(attributes.type, "signal.") AND NOT attributes.type = "signal.rejected" AND NOT attributes.type = "signal.gap"',
    ordered: false,
    // One instance: one throttle for the trading API's 200 requests a minute.
    maxInstances: 1,
    publishes: [TOPICS.events, TOPICS.deadLetters],
    secrets: ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'],
    store: 'firestore',
    build: lazyBuild(() => import('./execute-orders/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'reconcileBroker',
    trigger: TOPICS.maintenance,
    filter: 'attributes.task = "reconcile" OR attributes.task = "account-snapshot"',
    ordered: false,
    maxInstances: 1,
    publishes: [TOPICS.events, TOPICS.deadLetters],
    secrets: ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY'],
    store: 'firestore',
    build: lazyBuild(() => import('./reconcile-broker/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'archiveAnalytics',
    trigger: TOPICS.events,
    filter: '',
    ordered: false,
    maxInstances: 5,
    publishes: [TOPICS.deadLetters],
    secrets: [],
    store: 'none',
    build: lazyBuild(() => import('./archive-analytics/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'postDigest',
    trigger: TOPICS.maintenance,
    filter: 'attributes.task = "daily-digest" OR attributes.task = "weekly-digest"',
    ordered: false,
    maxInstances: 1,
    publishes: [TOPICS.deadLetters],
    secrets: SYSTEM_ROUTE_SECRETS,
    store: 'firestore',
    build: lazyBuild(() => import('./notify-discord/digest/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'announceSecretRotation',
    // Secret Manager publishes here when a secret's 90-day rotation is due (and on version changes, filtered out).
    trigger: TOPICS.secretRotations,
    filter: 'attributes.eventType = "SECRET_ROTATE"',
    ordered: false,
    maxInstances: 1,
    publishes: [TOPICS.deadLetters],
    secrets: SYSTEM_ROUTE_SECRETS,
    store: 'firestore',
    build: lazyBuild(() => import('./notify-discord/secret-rotation/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'sweepOutbox',
    trigger: TOPICS.maintenance,
    filter: 'attributes.task = "outbox-sweep"',
    ordered: false,
    maxInstances: 1,
    publishes: [TOPICS.events, TOPICS.deadLetters],
    secrets: [],
    store: 'firestore',
    build: lazyBuild(() => import('./sweep-outbox/wiring.js')),
  },
  {
    ...PUSH_DEFAULTS,
    name: 'recordDeadLetter',
    trigger: TOPICS.deadLetters,
    filter: '',
    ordered: false,
    // The dead-letter feed has no dead-letter policy of its own.
    deadLetter: false,
    maxInstances: 2,
    publishes: [],
    secrets: [],
    store: 'firestore',
    build: lazyBuild(() => import('./record-dead-letter/wiring.js')),
  },
] as const satisfies readonly FunctionRow[];

/** The entry point of one deployed function. */
export type FunctionName = (typeof FUNCTIONS)[number]['name'];

/** Every entry point, in table order. */
export const FUNCTION_NAMES: readonly FunctionName[] = FUNCTIONS.map((row) => row.name);

/** The whole deployed topology: topics, functions and Cloud Scheduler jobs. */
export const TOPOLOGY = { topics: TOPIC_LIST, functions: FUNCTIONS as readonly FunctionRow[], schedules: SCHEDULES } as const;

/** A push subscription's name, as Terraform names it: `test-notifyDiscord-push` (`live-` when ENVIRONMENT=prod). */
export function subscriptionName(environment: 'dev' | 'prod', functionName: string): string {
  return `${environment === 'prod' ? 'live' : 'test'}-${functionName}-push`;
}

/** The row whose push subscription this is (its name, or its full `projects/P/subscriptions/NAME` path), if any. */
export function rowOfSubscription(subscription: string): FunctionRow | undefined {
  const name = /^(?:test|live)-([A-Za-z]+)-push$/.exec(subscription.split('/').at(-1) ?? '')?.[1];
  return FUNCTIONS.find((row) => row.name === name);
}
