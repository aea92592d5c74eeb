import { warehouseFromConfig } from '../../../shared/analytics/warehouse-from-config.js';
import type { FunctionDeps, FunctionHandler } from '../../function-deps.js';
import { handlerContext } from '../../function-deps.js';
import { createPostDigest } from './post-digest.js';

/** postDigest: the views of the configured warehouse, and notifyDiscord's store and sink (its delivery records). */
export async function build(deps: FunctionDeps): Promise<FunctionHandler> {
  const sink = await deps.notificationSink();
  return createPostDigest({
    ...handlerContext(deps),
    warehouse: warehouseFromConfig(deps.config),
    store: deps.store(),
    sink,
    testMode: deps.config.testMode,
  });
}
