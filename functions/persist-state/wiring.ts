import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext, pausedReader } from '../function-deps.js';
import { createPersistState } from './index.js';
import { policyFromConfig } from './policy.js';

/** persistState on this instance's store and the configured lifecycle policy. */
export function build(deps: FunctionDeps): FunctionHandler {
  const paused = pausedReader(deps);
  return createPersistState({
    ...handlerContext(deps),
    store: deps.store(),
    policy: policyFromConfig(deps.config),
    ...(paused ? { paused } : {}),
  });
}
