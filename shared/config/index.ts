/** Public surface of the configuration module. */
export { loadConfig, parseConfig, resetConfigForTests, collectionPrefix } from './load-config.js';
export { resolveMarketDataSource } from './market-data-source.js';
export { processEnvironment } from './process-env.js';
export type { EnvRecord } from './process-env.js';
export type { Config, MarketDataSourceSetting } from './config.types.js';
export { ConfigEnvSchema, CONFIG_VARIABLES } from './config.schema.js';
export type { ConfigEnv, ConfigVariable } from './config.schema.js';
