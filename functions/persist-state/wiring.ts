import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createPersistState } from './index.js';

/** persistState on this instance's store and the configured cooldown scope. */
export function build(deps: FunctionDeps): FunctionHandler {
  return createPersistState({ ...handlerContext(deps), store: deps.store(), cooldownScope: deps.config.risk.cooldownScope });
}
