import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { createRecordDeadLetter } from './index.js';

/** recordDeadLetter on this instance's store; it publishes nothing. */
export function build(deps: FunctionDeps): FunctionHandler {
  return createRecordDeadLetter({ store: deps.store(), log: deps.log, now: deps.now });
}
