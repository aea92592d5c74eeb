import { executionLimitsOf, ledgerDailyBars } from '../../shared/trading/execution-setup.js';
import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext, pausedReader } from '../function-deps.js';
import { createExecuteOrders } from './index.js';
import { instanceTrading } from '../../shared/trading/instance-trading.js';

/**
 * executeOrders on this instance's trade store and broker (Alpaca paper only when configuration allows it, with the
 * row's ALPACA_API_KEY / ALPACA_SECRET_KEY secrets); the correlation gate reads the bar ledger of the state store.
 */
export async function build(deps: FunctionDeps): Promise<FunctionHandler> {
  const { trades, broker } = await instanceTrading(deps);
  return createExecuteOrders({
    ...handlerContext(deps),
    trades,
    broker,
    limits: executionLimitsOf(deps.config),
    maxDeliveryAttempts: deps.config.events.deadLetterMaxAttempts,
    // The kill switch (`sentinel pause`): no new entry while it is set; protective orders stay.
    paused: pausedReader(deps) ?? (async () => false),
    dailyBars: ledgerDailyBars(deps.store()),
  });
}
