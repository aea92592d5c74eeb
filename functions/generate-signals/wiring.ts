import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createGenerateSignals } from './index.js';

/** generateSignals is pure: the handler context is all it takes. */
export function build(deps: FunctionDeps): FunctionHandler {
  return createGenerateSignals(handlerContext(deps));
}
