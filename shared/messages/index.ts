/** The wire contracts of the pipeline: every payload schema, the envelope and the topic names. */
export * from './analysis.js';
export * from './candidate.js';
export * from './envelope.js';
export * from './events.js';
export * from './fields.js';
export * from './json-document.js';
export * from './limits.js';
export * from './maintenance-request.js';
export * from './market-bars.js';
export type * from './message-kind.js';
export * from './scan-request.js';
export * from './signal.js';
export * from './topics.js';
