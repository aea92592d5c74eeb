import { InvalidArgumentError } from '../errors/errors.js';
import { IsoInstantSchema } from '../messages/fields.js';

/** How long each kind of row is kept after the moment named beside it. */
export interface StoreTtl {
  /** After the signal's last update. */
  readonly signalsMs: number;
  /** After the shadow candidate was created. */
  readonly rejectedMs: number;
  /** After the event was published; an unpublished event never expires. */
  readonly publishedEventsMs: number;
  /** After the last claim or completion. Must exceed the handlers' maximum event age, or an old redelivery could send twice. */
  readonly deliveriesMs: number;
  /** After the poison message was recorded. */
  readonly deadLettersMs: number;
}

const DAY_MS = 86_400_000;

/** Defaults: signals half a year, the rest a month, published events a week (archival is event-driven, DESIGN §6.6). */
export const DEFAULT_TTL: StoreTtl = {
  signalsMs: 180 * DAY_MS,
  rejectedMs: 30 * DAY_MS,
  publishedEventsMs: 7 * DAY_MS,
  deliveriesMs: 30 * DAY_MS,
  deadLettersMs: 30 * DAY_MS,
};

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
