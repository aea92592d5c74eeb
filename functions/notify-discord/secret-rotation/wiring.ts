import type { FunctionDeps, FunctionHandler } from '../../function-deps.js';
import { createSecretRotationNotice } from './index.js';

/** announceSecretRotation: notifyDiscord's store (its delivery records) and sink, for the system route. */
export async function build(deps: FunctionDeps): Promise<FunctionHandler> {
  const sink = await deps.notificationSink();
  return createSecretRotationNotice({
    store: deps.store(),
    sink,
    log: deps.log,
    now: deps.now,
    testMode: deps.config.testMode,
  });
}
