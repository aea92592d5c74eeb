import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createGenerateSignals } from './index.js';

/** generateSignals is pure: the handler context and the tunable detection parameters are all it takes. */
export function build(deps: FunctionDeps): FunctionHandler {
  return createGenerateSignals({ ...handlerContext(deps), tuning: deps.config.signals });
}
