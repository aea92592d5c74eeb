import type { FunctionDeps, FunctionHandler } from '../function-deps.js';
import { handlerContext } from '../function-deps.js';
import { createNotifyDiscord } from './index.js';

/** notifyDiscord on this instance's store and notification sink. */
export async function build(deps: FunctionDeps): Promise<FunctionHandler> {
  const sink = await deps.notificationSink();
  const store = deps.store();
  return createNotifyDiscord({
    ...handlerContext(deps),
    store,
    currentSignal: (signalId) => store.getSignal(signalId),
    sink,
    testMode: deps.config.testMode,
    routeFilters: deps.config.discord.routeFilters,
  });
}
