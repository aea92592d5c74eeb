import { maintenanceRequestKind } from '../../shared/messages/maintenance-request.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import type { PushEventLike } from '../../shared/messages/envelope.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { TradeStore } from '../../shared/store/trade-store.port.js';
import type { Broker } from '../../shared/trading/broker.port.js';
import { reconcile, snapshotAccount } from './reconcile.js';

export { reconcile, snapshotAccount, LOOKS_BEFORE_LOST } from './reconcile.js';
export type { ReconcileReport } from './reconcile.js';

/** The maintenance tasks this function runs (its subscription filters on the `task` attribute). */
export const RECONCILE_TASKS = ['reconcile', 'account-snapshot'] as const;

export interface ReconcileBrokerDeps extends HandlerContext {
  readonly trades: TradeStore;
  readonly broker: Broker;
  readonly stopLimitOffsetFraction: number;
}

/** `maintenance` → reconcile the broker with the store, or take the account snapshot; other tasks are acknowledged. */
export function createReconcileBroker(deps: ReconcileBrokerDeps): (event: PushEventLike) => Promise<void> {
  const handle = createPushHandler('reconcileBroker', maintenanceRequestKind, deps, async (request) => {
    if (request.task === 'account-snapshot') return snapshotAccount(deps, request.asOf);
    const report = await reconcile(deps);
    deps.log.info('reconciled', {
      ...report,
      lost: report.lost.length,
      orphans: report.orphans.length,
      zombies: report.zombies.length,
      drift: report.drift.length,
      closed: report.closed.length,
      stopsCovered: report.stopsCovered.length,
      stopsShrunk: report.stopsShrunk.length,
      feesRecorded: report.feesRecorded.length,
      feesUnmatched: report.feesUnmatched.length,
    });
  });
  return async (event) => {
    const { attributes, data } = readPushMessage(event);
    let task: string | undefined = attributes.task;
    try {
      task ??= (JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { task?: string } | null)?.task;
    } catch {
      // Not JSON: the handler dead-letters it with the reason.
    }
    if (task !== undefined && !(RECONCILE_TASKS as readonly string[]).includes(task)) return;
    await handle(event);
  };
}
