import { encodeMessage } from '../../shared/messages/envelope.js';
import { maintenanceRequestKind } from '../../shared/messages/maintenance-request.js';
import type { DecisionStep } from './decision-times.js';
import type { MomentSource } from './pipeline-replay.js';

/**
 * The replay's moments, with the paper account's snapshot (the deployed `account-snapshot` job, dated by the
 * moment's `asOf`, so as the account stood when the moment began) where the account moved: after every moment in
 * which positions closed (`closedSoFar` counts this run's), and at the last moment after any of those; on a store
 * with no snapshot yet (`opening`) also at the first moment, the starting equity. The report's equity curve after
 * `npm start`, without a snapshot for each of thousands of moments in which nothing moved, and none from a rerun
 * that changed nothing.
 */
export function withAccountSnapshots(
  moments: MomentSource,
  steps: readonly DecisionStep[],
  options: { readonly closedSoFar: () => number; readonly opening: boolean },
): MomentSource {
  let closedAtLastSnapshot = options.opening ? -1 : 0;
  let taken = 0;
  return {
    close: () => moments.close(),
    ...(moments.elsewhere ? { elsewhere: () => moments.elsewhere?.() ?? new Map() } : {}),
    async messagesFor(index, step) {
      const messages = await moments.messagesFor(index, step);
      const closed = options.closedSoFar();
      const closing = index === steps.length - 1 && taken > 0;
      if (closed === closedAtLastSnapshot && !closing) return messages;
      closedAtLastSnapshot = closed;
      taken++;
      const request = { schemaVersion: 1, task: 'account-snapshot', asOf: step.asOf.toISOString() } as const;
      return [...messages, { topic: maintenanceRequestKind.topic, message: encodeMessage(maintenanceRequestKind, request) }];
    },
  };
}
