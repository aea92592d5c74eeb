import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createSweepOutbox } from './index.js';

/** The outbox sweep on this instance's store, publishing on its bus. */
export function build(deps: FunctionDeps): FunctionHandler {
  return createSweepOutbox({ ...handlerContext(deps), store: deps.store() });
}
