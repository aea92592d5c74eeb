import { encodeMessage } from '../../shared/messages/envelope.js';
import { maintenanceRequestKind } from '../../shared/messages/maintenance-request.js';
import type { DecisionStep } from './decision-times.js';
import type { MomentSource } from './pipeline-replay.js';

/**
 * The replay's moments, with the paper account's snapshot (the deployed `account-snapshot` job, dated by the
 * moment's `asOf`, so as the account stood when the moment began) at the first moment, after every moment in which
 * positions closed (`closedSoFar` counts them), and at the last: the report's equity curve after `npm start`,
 * without a snapshot for each of thousands of moments in which the equity did not move.
 */
export function withAccountSnapshots(
  moments: MomentSource,
  steps: readonly DecisionStep[],
  closedSoFar: () => number,
): MomentSource {
  let closedAtLastSnapshot = -1;
  return {
    close: () => moments.close(),
    ...(moments.elsewhere ? { elsewhere: () => moments.elsewhere?.() ?? new Map() } : {}),
    async messagesFor(index, step) {
      const messages = await moments.messagesFor(index, step);
      const closed = closedSoFar();
      if (closed === closedAtLastSnapshot && index !== steps.length - 1) return messages;
      closedAtLastSnapshot = closed;
      const request = { schemaVersion: 1, task: 'account-snapshot', asOf: step.asOf.toISOString() } as const;
      return [...messages, { topic: maintenanceRequestKind.topic, message: encodeMessage(maintenanceRequestKind, request) }];
    },
  };
}
