/** The state-store port, its SQLite adapter and the TTL policy every adapter applies. */
export * from './documents.js';
export * from './sqlite-store.js';
export * from './store.port.js';
export * from './ttl.js';
