import { SentinelError } from '../errors/errors.js';

/**
 * Another attempt holds the claim on this id and channel (`claimDelivery` answered `in-progress`: its lease has not
 * run out): a Discord delivery of an event, or a scan shard. Transient: thrown so Pub/Sub redelivers later, when the
 * holder has finished or its lease has expired (after a crash too).
 */
export class DeliveryInProgressError extends SentinelError {
  readonly code = 'DELIVERY.IN_PROGRESS';
  constructor(
    readonly eventId: string,
    readonly channel: string,
  ) {
    super(`"${eventId}" is claimed on channel "${channel}" by another attempt; retry after its lease`);
  }
}
