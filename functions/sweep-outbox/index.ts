import { maintenanceRequestKind } from '../../shared/messages/maintenance-request.js';
import { relayOutbox } from '../../shared/runtime/outbox-relay.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { OutboxStore } from '../../shared/store/store.port.js';

export interface SweepOutboxDeps extends HandlerContext {
  readonly store: OutboxStore;
}

/**
 * The outbox sweep (DESIGN §3, the `outbox-sweep` maintenance task): publishes every event a state change wrote and
 * no relay published, for instance one whose publish failed and whose redelivery found nothing left to write, so
 * it waits for no later write of persistState. Consumers dedupe by `eventId`, so an event published twice is harmless.
 */
export function createSweepOutbox(deps: SweepOutboxDeps) {
  return createPushHandler('sweepOutbox', maintenanceRequestKind, deps, async (request) => {
    if (request.task !== 'outbox-sweep') return;
    const published = await relayOutbox(deps.store, deps.bus, deps.now);
    if (published > 0) deps.log.warn(`outbox sweep published ${published} event(s) no relay had published`, { published });
  });
}
