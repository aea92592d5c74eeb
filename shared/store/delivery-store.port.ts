/** `in-progress`: claimed and being sent until `leaseUntil`; `sent`: done, `messageId` known. */
export type DeliveryState = 'in-progress' | 'sent';

/** One notification of one event on one channel (DESIGN §3: claim → send → store message id). */
export interface Delivery {
  readonly eventId: string;
  readonly channel: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly claimedAt: string;
  readonly leaseUntil: string;
  readonly messageId: string | null;
  readonly sentAt: string | null;
}

/** Notification deliveries: each event is sent once per channel. */
export interface DeliveryStore {
  /** Claims the right to send `eventId` on `channel`; an expired `in-progress` claim can be taken over. */
  claimDelivery(eventId: string, channel: string, now: string, leaseMs: number): Promise<'claimed' | 'sent' | 'in-progress'>;
  /** Records that the notification went out, with the id the channel gave it. */
  completeDelivery(eventId: string, channel: string, receipt: { readonly messageId: string }, now: string): Promise<void>;
  /**
   * Gives up the `in-progress` claim made at `claimedAt` (the `now` of its `claimDelivery`) whose send failed for
   * certain, so a retry may claim it at once. A claim another sender took over since (a later `claimedAt`) and a
   * `sent` record are kept: only the claim's own holder can release it.
   */
  releaseDelivery(eventId: string, channel: string, claimedAt: string): Promise<void>;
  getDelivery(eventId: string, channel: string): Promise<Delivery | null>;
}
