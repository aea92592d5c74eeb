import type { Config } from '../config/index.js';
import { ConfigError } from '../errors/errors.js';
import { createBigQueryWarehouse } from './bigquery-warehouse.js';
import { analyticsPathFor, duckDbWarehouseAt } from './duckdb-warehouse.js';
import type { Warehouse } from './warehouse.port.js';

/** The configured warehouse: BigQuery (deployed) or the local DuckDB file beside SQLITE_PATH (one per process). */
export function warehouseFromConfig(config: Config): Warehouse {
  if (config.warehouse.kind === 'duckdb') return duckDbWarehouseAt(analyticsPathFor(config.store.sqlitePath));
  const projectId = config.gcp.projectId;
  if (projectId === undefined)
    throw new ConfigError([{ variable: 'GOOGLE_CLOUD_PROJECT', reason: 'is required when WAREHOUSE=bigquery' }]);
  return createBigQueryWarehouse({
    projectId,
    dataset: config.warehouse.bigqueryDataset,
    maximumBytesBilled: config.warehouse.maximumBytesBilled,
  });
}
