import { instanceTrading } from '../../shared/trading/instance-trading.js';
import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createReconcileBroker } from './index.js';

/** reconcileBroker (maintenance tasks `reconcile` and `account-snapshot`) on this instance's trade store and broker. */
export async function build(deps: FunctionDeps): Promise<FunctionHandler> {
  const { trades, broker } = await instanceTrading(deps);
  return createReconcileBroker({
    ...handlerContext(deps),
    trades,
    broker,
    stopLimitOffsetFraction: deps.config.execution.stopLimitOffsetFraction,
  });
}
