import { warehouseFromConfig } from '../../shared/analytics/warehouse-from-config.js';
import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createArchiveAnalytics } from './index.js';

/** archiveAnalytics on the configured warehouse: BigQuery deployed, the local DuckDB file otherwise. */
export function build(deps: FunctionDeps): FunctionHandler {
  return createArchiveAnalytics({ ...handlerContext(deps), warehouse: warehouseFromConfig(deps.config) });
}
