import { InvalidArgumentError } from '../errors/errors.js';
import { IsoInstantSchema } from '../messages/fields.js';

/**
 * How long each kind of row is kept after the moment named beside it (DESIGN decision 16: only terminal documents
 * expire, counted from the wall-clock time they were written, never from a replayed `asOf`).
 */
export interface StoreTtl {
  /** After a signal was written in a terminal status; an open signal never expires. */
  readonly signalsMs: number;
  /** After the shadow candidate was written. */
  readonly rejectedMs: number;
  /** After the event was published; an unpublished event never expires. */
  readonly publishedEventsMs: number;
  /**
   * After the last claim or completion. Delivery keys outlive signals by far, so a replay of a period whose signals
   * have expired finds them and posts nothing twice.
   */
  readonly deliveriesMs: number;
  /** After the poison message was recorded. */
  readonly deadLettersMs: number;
  /** The wall clock (epoch ms) that signal and shadow expiries count from; `Date.now` unless a test fixes it. */
  readonly wallClockMs?: () => number;
}

const DAY_MS = 86_400_000;

/**
 * Defaults: terminal signals, shadows and dead letters a month (the guide's 30 days), published events a week, delivery
 * keys ten years (archival is event-driven, DESIGN §6.6, so nothing is lost to a TTL).
 */
export const DEFAULT_TTL: StoreTtl = {
  signalsMs: 30 * DAY_MS,
  rejectedMs: 30 * DAY_MS,
  publishedEventsMs: 7 * DAY_MS,
  deliveriesMs: 3650 * DAY_MS,
  deadLettersMs: 30 * DAY_MS,
};

/** When a signal document expires: never while it is open; `signalsMs` after the wall-clock write once it has ended. */
export function signalExpiryMs(terminal: boolean, ttl: StoreTtl): number | null {
  return terminal ? (ttl.wallClockMs ?? Date.now)() + ttl.signalsMs : null;
}

/** When a shadow (rejected) candidate expires: `rejectedMs` after the wall-clock write. */
export function rejectedExpiryMs(ttl: StoreTtl): number {
  return (ttl.wallClockMs ?? Date.now)() + ttl.rejectedMs;
}

/** Epoch ms of an ISO-8601 instant; the store compares times as numbers, since ISO text of mixed precision misorders. */
export function epochMs(iso: string, argument: string): number {
  const ms = IsoInstantSchema.safeParse(iso).success ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidArgumentError(argument, `is not an ISO-8601 UTC time: ${JSON.stringify(iso)}`);
  return ms;
}

/** ISO-8601 form of epoch ms. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
