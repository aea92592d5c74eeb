import type { Logger } from '../../../shared/log/logger.js';
import { readPushMessage } from '../../../shared/messages/envelope.js';
import type { PushEventLike } from '../../../shared/messages/envelope.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { DEFAULT_DELIVERY_LEASE_MS } from '../index.js';
import type { NotificationSink } from '../notification-sink.port.js';
import { deliverSystemNotice } from '../system-notice.js';

/** What the rotation notice needs: notifyDiscord's store and sink. */
export interface SecretRotationDeps {
  readonly store: Pick<StateStore, 'claimDelivery' | 'completeDelivery' | 'releaseDelivery'>;
  readonly sink: NotificationSink;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  readonly now: () => Date;
  readonly testMode: boolean;
}

/** What the operator does for each secret when Secret Manager says it is due (docs/operations.md has the commands). */
const HOW: Readonly<Record<string, string>> = {
  ALPACA_API_KEY:
    'Regenerate the paper key pair in the Alpaca dashboard, add both as new versions, then disable the old versions.',
  ALPACA_SECRET_KEY:
    'Regenerate the paper key pair in the Alpaca dashboard, add both as new versions, then disable the old versions.',
};
const WEBHOOK = 'Create a new webhook in the Discord channel settings, add it as a new version, then delete the old webhook.';

/** The secret name of `projects/P/secrets/NAME`, or undefined. */
function secretName(secretId: string | undefined): string | undefined {
  return /^projects\/[^/]+\/secrets\/([A-Za-z0-9_-]{1,255})$/.exec(secretId ?? '')?.[1];
}

/**
 * Push handler of the `secret-rotations` topic that Secret Manager publishes to when a secret's 90-day `rotation`
 * is due (attributes `eventType` = `SECRET_ROTATE`, `secretId`). Rotation only notifies: this posts "rotate NAME
 * now" on the system route, once per notification. Other event types (SECRET_UPDATE...) are acknowledged.
 */
export function createSecretRotationNotice(deps: SecretRotationDeps): (event: PushEventLike) => Promise<void> {
  return async (event) => {
    const message = readPushMessage(event);
    const type = message.attributes.eventType;
    const name = secretName(message.attributes.secretId);
    if (type !== 'SECRET_ROTATE' || name === undefined) {
      deps.log.info('secret notification ignored', { eventType: type, secret: name });
      return;
    }
    const outcome = await deliverSystemNotice(
      { store: deps.store, sink: deps.sink, now: deps.now, leaseMs: DEFAULT_DELIVERY_LEASE_MS },
      {
        key: `secret-rotation|${message.messageId || `${name}|${message.publishTime}`}`,
        title: `🔑 Rotate ${name} now`,
        lines: [
          `Secret Manager says ${name} is due for its 90-day rotation.`,
          HOW[name] ?? WEBHOOK,
          'Running functions pick the new version up within SECRET_CACHE_TTL_SECONDS; no redeploy. Runbook: docs/operations.md, "Rotate a credential".',
        ],
        testMode: deps.testMode,
      },
    );
    deps.log.info('secret rotation notice', { secret: name, outcome: outcome.outcome });
  };
}
