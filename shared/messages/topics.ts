/** The Pub/Sub topics of the pipeline (DESIGN §1), by role. */
export const TOPICS = {
  scanRequests: 'scan-requests',
  marketBars: 'market-bars',
  analyses: 'analyses',
  events: 'events',
  deadLetters: 'dead-letters',
  maintenance: 'maintenance',
  /** Secret Manager's rotation notices (SECRET_ROTATE), not our envelope. */
  secretRotations: 'secret-rotations',
} as const;

/** The name of one of our topics. */
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];
