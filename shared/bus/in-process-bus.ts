import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../errors/errors.js';
import { pushEventOf } from '../testing/events.js';
import type { PushCloudEvent } from '../testing/events.js';
import type { Bus, OutgoingMessage } from './bus.port.js';
import { compilePubSubFilter } from './pubsub-filter.js';
import type { AttributeFilter } from './pubsub-filter.js';
import { redactText } from '../log/redact-text.js';
import { sleep } from '../runtime/sleep.js';

/** A push subscription's handler: resolves to ack, throws to nack (redelivered with backoff). */
export type PushHandler = (event: PushCloudEvent) => Promise<void>;

/** What Pub/Sub's subscription settings say, for the in-process twin. */
export interface SubscriptionOptions {
  readonly name: string;
  readonly topic: string;
  /** A Pub/Sub filter expression (as Terraform takes it); a message it rejects never reaches the handler. */
  readonly filter?: string;
  /**
   * Pub/Sub's message ordering: one ordering key's messages are delivered one at a time in publish order, a failed
   * one redelivered before the next. Without it the ordering key is ignored, as Pub/Sub does.
   */
  readonly ordered?: boolean;
  /** After this many failed deliveries the message goes to `deadLetterTopic` (Pub/Sub allows 5–100). */
  readonly maxDeliveryAttempts?: number;
  readonly deadLetterTopic?: string;
  /**
   * How many of its deliveries run at once (Pub/Sub's flow control on one subscriber, or several function
   * instances): pending ones with different ordering keys; default 1. What the handlers publish is queued in their
   * deliveries' order whichever finishes first, so a run stays deterministic.
   */
  readonly concurrency?: number;
  /**
   * A sink nothing else in the run reads from (archiving): its deliveries may wait until `concurrency` of them are
   * pending, when `drain({ leaveDeferrable: true })` is asked to; a plain `drain()` delivers them all.
   */
  readonly deferrable?: boolean;
}

/** Test modes that make at-least-once delivery visible: every message twice, and shuffled across keys. */
export interface DeliveryMode {
  readonly duplicate?: boolean;
  readonly shuffle?: boolean;
  /** Random source for shuffling (a seeded one makes a run reproducible). */
  readonly random?: () => number;
  /** Waits between redeliveries; the default waits 2^attempt ms, capped at 1 s. */
  readonly backoff?: (attempt: number) => Promise<void>;
}

interface Delivery {
  readonly subscription: Required<Pick<SubscriptionOptions, 'name' | 'topic' | 'maxDeliveryAttempts' | 'concurrency'>> &
    SubscriptionOptions & { readonly accepts: AttributeFilter };
  readonly handler: PushHandler;
  readonly message: OutgoingMessage;
  readonly messageId: string;
  readonly publishTime: string;
  attempt: number;
  lastError?: string;
}

/** What one subscription's handlers took: deliveries made and their wall time in ms. */
export interface SubscriptionTiming {
  deliveries: number;
  ms: number;
}

/** Counters of one bus, for summaries and tests. */
export interface BusStats {
  published: number;
  delivered: number;
  redelivered: number;
  deadLettered: number;
  /** Per subscription: deliveries made and the wall time (ms) its handlers took; deliveries run together count once. */
  readonly bySubscription: Map<string, SubscriptionTiming>;
}

/** A message published by a delivery that runs beside others, queued once they have all finished. */
interface HeldPublish {
  readonly topic: string;
  readonly message: OutgoingMessage;
  readonly messageId: string;
  readonly publishTime: string;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const defaultBackoff = (attempt: number) => sleep(Math.min(1000, 2 ** attempt));

/**
 * The local bus: the same topics, filters, push envelopes, redelivery and dead-lettering as the
 * deployed Pub/Sub topology, delivered in this process one message at a time. `drain()` runs until
 * no delivery is pending. Messages of one ordering key stay in order, as on Pub/Sub.
 */
export class InProcessBus implements Bus {
  readonly stats: BusStats = { published: 0, delivered: 0, redelivered: 0, deadLettered: 0, bySubscription: new Map() };
  private readonly subscriptions: Delivery['subscription'][] = [];
  private readonly handlers = new Map<string, PushHandler>();
  // A FIFO: deliveries before `head` are done; compacted once they are half of it, so taking one is O(1) amortised.
  private readonly queue: Delivery[] = [];
  private head = 0;
  private nextId = 1;
  // Ids are unique across runs, as Pub/Sub's are: dead letters and deliveries are keyed by them.
  private readonly runId = randomUUID().slice(0, 8);
  // The publishes of the delivery running in this async context, while deliveries run side by side.
  private readonly held = new AsyncLocalStorage<HeldPublish[]>();
  private readonly exported = new Map<string, (message: OutgoingMessage) => void>();

  constructor(private readonly mode: DeliveryMode = {}) {}

  /** Adds a push subscription; its handler receives exactly what functions-framework would pass. */
  subscribe(options: SubscriptionOptions, handler: PushHandler): void {
    if (this.handlers.has(options.name)) throw new InvalidArgumentError('name', `subscription "${options.name}" exists`);
    if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1))
      throw new InvalidArgumentError('concurrency', `must be a whole number of at least 1, got ${options.concurrency}`);
    this.subscriptions.push({
      maxDeliveryAttempts: DEFAULT_MAX_ATTEMPTS,
      concurrency: 1,
      ...options,
      accepts: compilePubSubFilter(options.filter ?? ''),
    });
    this.handlers.set(options.name, handler);
  }

  /**
   * Hands each message published on `topic` to `take` as it is published (in the order this bus queues it), beside
   * any subscription of this bus: how a message leaves for a bus elsewhere, as its bytes, with no push delivery here.
   */
  export(topic: string, take: (message: OutgoingMessage) => void): void {
    if (this.exported.has(topic)) throw new InvalidArgumentError('topic', `"${topic}" is exported already`);
    this.exported.set(topic, take);
  }

  async publish(topic: string, message: OutgoingMessage): Promise<string> {
    if (message.data.length === 0) throw new InvalidArgumentError('data', 'is empty: Pub/Sub refuses empty messages');
    const messageId = `${this.runId}-${this.nextId++}`;
    const publishTime = new Date().toISOString();
    this.stats.published++;
    const held = this.held.getStore();
    if (held) held.push({ topic, message, messageId, publishTime });
    else this.enqueue({ topic, message, messageId, publishTime });
    return messageId;
  }

  private enqueue({ topic, message, messageId, publishTime }: HeldPublish): void {
    this.exported.get(topic)?.(message);
    const copies = this.mode.duplicate ? 2 : 1;
    for (const subscription of this.subscriptions) {
      if (subscription.topic !== topic || !subscription.accepts(message.attributes)) continue;
      const handler = this.handlers.get(subscription.name);
      if (!handler) continue;
      for (let copy = 0; copy < copies; copy++) {
        this.queue.push({ subscription, handler, message, messageId, publishTime, attempt: 0 });
      }
    }
  }

  /**
   * Delivers until nothing is pending; resolves with the number of deliveries made. With `leaveDeferrable`, the
   * deliveries of a deferrable subscription stay pending while there are fewer than its `concurrency`.
   */
  async drain(options: { readonly leaveDeferrable?: boolean } = {}): Promise<number> {
    const leave = options.leaveDeferrable === true;
    let deliveries = 0;
    for (let first = this.take(leave); first !== undefined; first = this.take(leave)) {
      const batch = first.subscription.concurrency > 1 ? [first, ...this.takeAlongside(first)] : [first];
      deliveries += batch.length;
      if (batch.length === 1) await this.deliver(first);
      else await this.deliverTogether(batch);
    }
    return deliveries;
  }

  /** Number of deliveries waiting. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /**
   * Whether a delivery may go now: anything but a deferrable subscription's while fewer than a batch wait. A
   * subscription's waiting deliveries are counted once for the take the predicate is made for.
   */
  private mayGo(leaveDeferrable: boolean): (delivery: Delivery) => boolean {
    if (!leaveDeferrable) return () => true;
    const verdicts = new Map<Delivery['subscription'], boolean>();
    return ({ subscription }) => {
      if (!subscription.deferrable) return true;
      let verdict = verdicts.get(subscription);
      if (verdict === undefined) {
        let waiting = 0;
        for (let i = this.head; i < this.queue.length && waiting < subscription.concurrency; i++)
          if (this.queue[i].subscription === subscription) waiting++;
        verdict = waiting >= subscription.concurrency;
        verdicts.set(subscription, verdict);
      }
      return verdict;
    };
  }

  private take(leaveDeferrable = false): Delivery | undefined {
    if (this.pending === 0) return undefined;
    if (this.mode.shuffle) {
      this.compact();
      const index = this.pickShuffled(leaveDeferrable);
      return index === undefined ? undefined : this.queue.splice(index, 1)[0];
    }
    const mayGo = this.mayGo(leaveDeferrable);
    let index = this.head;
    while (index < this.queue.length && !mayGo(this.queue[index])) index++;
    if (index === this.queue.length) return undefined;
    if (index > this.head) return this.queue.splice(index, 1)[0];
    const delivery = this.queue[this.head++];
    if (this.head * 2 >= this.queue.length) this.compact();
    return delivery;
  }

  private compact(): void {
    this.queue.splice(0, this.head);
    this.head = 0;
  }

  /**
   * Up to `concurrency - 1` more pending deliveries of `first`'s subscription, in queue order, each the next of an
   * ordering key not running yet (as Pub/Sub holds a key's later messages until the one out is acknowledged).
   */
  private takeAlongside(first: Delivery): Delivery[] {
    const { subscription } = first;
    const keys = new Set([orderingKeyOf(first)]);
    const taken: Delivery[] = [];
    const left: Delivery[] = [];
    for (let i = this.head; i < this.queue.length; i++) {
      const delivery = this.queue[i];
      const key = orderingKeyOf(delivery);
      const alongside = delivery.subscription === subscription && !keys.has(key);
      if (delivery.subscription === subscription) keys.add(key);
      if (alongside && taken.length < subscription.concurrency - 1) taken.push(delivery);
      else left.push(delivery);
    }
    this.queue.length = 0;
    this.head = 0;
    this.queue.push(...left);
    return taken;
  }

  /** The head of a random ordering key's queue: keys interleave at random, one key's messages stay in order. */
  private pickShuffled(leaveDeferrable: boolean): number | undefined {
    const heads: number[] = [];
    const seen = new Set<string>();
    const mayGo = this.mayGo(leaveDeferrable);
    this.queue.forEach((delivery, index) => {
      const key = orderingKeyOf(delivery);
      if (!seen.has(key) && mayGo(delivery)) heads.push(index);
      seen.add(key);
    });
    if (heads.length === 0) return undefined;
    const random = this.mode.random ?? Math.random;
    return heads[Math.floor(random() * heads.length)];
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const started = performance.now();
    const outcome = await this.invoke(delivery);
    this.timed(delivery.subscription.name, 1, performance.now() - started);
    await this.settle(delivery, outcome);
  }

  /**
   * Runs the deliveries side by side, then, in their queue order, queues what each published and acknowledges or
   * retries it: the same queue whichever handler finished first.
   */
  private async deliverTogether(batch: readonly Delivery[]): Promise<void> {
    const started = performance.now();
    const outcomes = await Promise.all(
      batch.map(async (delivery) => {
        const held: HeldPublish[] = [];
        const outcome = await this.held.run(held, () => this.invoke(delivery));
        return { delivery, held, outcome };
      }),
    );
    this.timed(batch[0].subscription.name, batch.length, performance.now() - started);
    for (const { delivery, held, outcome } of outcomes) {
      for (const publish of held) this.enqueue(publish);
      await this.settle(delivery, outcome);
    }
  }

  /** Calls the handler with the push envelope; resolves with the error it threw, if any. */
  private async invoke(delivery: Delivery): Promise<{ readonly error?: unknown }> {
    delivery.attempt++;
    this.stats.delivered++;
    if (delivery.attempt > 1) this.stats.redelivered++;
    const { subscription } = delivery;
    const event = pushEventOf(delivery.message, {
      topic: subscription.topic,
      subscription: `projects/crypto-sentinel-local/subscriptions/${subscription.name}`,
      messageId: delivery.messageId,
      publishTime: delivery.publishTime,
    });
    event.data = event.data && { ...event.data, deliveryAttempt: delivery.attempt };
    try {
      await delivery.handler(event);
      return {};
    } catch (error) {
      return { error };
    }
  }

  private timed(subscription: string, deliveries: number, ms: number): void {
    const timing = this.stats.bySubscription.get(subscription) ?? { deliveries: 0, ms: 0 };
    timing.deliveries += deliveries;
    timing.ms += ms;
    this.stats.bySubscription.set(subscription, timing);
  }

  /** Acknowledged, or redelivered with backoff (before its key's next message when ordered), or dead-lettered. */
  private async settle(delivery: Delivery, outcome: { readonly error?: unknown }): Promise<void> {
    if (!('error' in outcome)) return;
    const { error } = outcome;
    const { subscription } = delivery;
    delivery.lastError = redactText(error instanceof Error ? error.message : String(error));
    if (delivery.attempt >= subscription.maxDeliveryAttempts) {
      await this.deadLetter(delivery);
      return;
    }
    await (this.mode.backoff ?? defaultBackoff)(delivery.attempt);
    // An ordered key's later messages wait for this one, as on Pub/Sub.
    const key = orderingKeyOf(delivery);
    const waiting = (queued: Delivery, index: number) => index >= this.head && orderingKeyOf(queued) === key;
    const next = subscription.ordered ? this.queue.findIndex(waiting) : -1;
    this.queue.splice(next === -1 ? this.queue.length : next, 0, delivery);
  }

  private async deadLetter(delivery: Delivery): Promise<void> {
    this.stats.deadLettered++;
    const { subscription, message } = delivery;
    if (!subscription.deadLetterTopic) return;
    await this.publish(subscription.deadLetterTopic, {
      data: message.data,
      attributes: {
        ...message.attributes,
        CloudPubSubDeadLetterSourceSubscription: subscription.name,
        CloudPubSubDeadLetterSourceDeliveryCount: String(delivery.attempt),
        CloudPubSubDeadLetterSourceTopicPublishTime: delivery.publishTime,
        sentinelError: (delivery.lastError ?? '').slice(0, 1000),
        sentinelTopic: subscription.topic,
        sourceMessageId: delivery.messageId,
      },
    });
  }
}

/** Deliveries with the same key are delivered in queue order; only ordered subscriptions share keys. */
function orderingKeyOf(delivery: Delivery): string {
  const key = delivery.subscription.ordered ? delivery.message.orderingKey : undefined;
  return `${delivery.subscription.name}|${key ?? `#${delivery.messageId}`}`;
}
