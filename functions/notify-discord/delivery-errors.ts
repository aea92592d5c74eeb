import { SentinelError } from '../../shared/errors/errors.js';

/**
 * Another delivery holds the claim on this event and channel (its lease has not run out). Transient:
 * thrown so Pub/Sub redelivers later, when the holder has finished or its lease has expired.
 */
export class DeliveryInProgressError extends SentinelError {
  readonly code = 'DELIVERY.IN_PROGRESS';
  constructor(
    readonly eventId: string,
    readonly channel: string,
  ) {
    super(`event "${eventId}" is being delivered on channel "${channel}" by another attempt; retry after its lease`);
  }
}
