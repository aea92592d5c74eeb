/** The Pub/Sub topics of the pipeline (DESIGN §1), by role. */
export const TOPICS = {
  scanRequests: 'scan-requests',
  marketBars: 'market-bars',
  analyses: 'analyses',
  events: 'events',
  deadLetters: 'dead-letters',
  maintenance: 'maintenance',
} as const;

/** The name of one of our topics. */
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];
