import { signalEventKind } from '../../shared/messages/events.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import type { PushEventLike } from '../../shared/messages/envelope.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import { atTradeDesk } from '../../shared/trading/trade-desk.js';
import { enter } from './enter.js';
import { EXECUTION_EVENT_TYPES } from './execution-deps.js';
import type { ExecuteOrdersDeps } from './execution-deps.js';
import { exit } from './exit.js';

export type { ExecuteOrdersDeps, ExecutionLimits } from './execution-deps.js';
export { EXECUTION_EVENT_TYPES } from './execution-deps.js';
export { closeAll } from './close-all.js';

const ACTED_ON = new Set<string>(EXECUTION_EVENT_TYPES);

/**
 * Signal events → paper orders (or the simulated broker's fills). Other `events` (rejected signals, trade events)
 * are acknowledged untouched, so the subscription works with or without its type filter. Each step is idempotent:
 * client order ids are deterministic, recorded orders are not sent again, and an unrecorded one is looked up at
 * the broker before any POST.
 */
export function createExecuteOrders(deps: ExecuteOrdersDeps): (event: PushEventLike) => Promise<void> {
  const handle = createPushHandler('executeOrders', signalEventKind, deps, async (event, message) => {
    if (event.type === 'signal.rejected') return;
    await atTradeDesk(deps, `executeOrders (message ${message.messageId})`, async () => {
      if (event.type === 'signal.created') await enter(deps, event);
      else await exit(deps, event, message.deliveryAttempt);
    });
  });
  // One event at a time: two steps of a signal (TP1 and its stop, delivered together) must not interleave their
  // order requests, nor two entries on one symbol pass the one-per-symbol gate together. The topology runs one
  // instance handling one request at a time; functions-framework (the emulator stack) and a warm instance may
  // take several requests at once, so the handler queues them itself.
  let queue: Promise<unknown> = Promise.resolve();
  return async (event) => {
    if (!ACTED_ON.has(readPushMessage(event).attributes.type ?? '')) return;
    const turn = queue.then(() => handle(event));
    queue = turn.catch(() => undefined);
    await turn;
  };
}
