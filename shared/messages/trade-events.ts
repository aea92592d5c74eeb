import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { ID_NAMESPACE } from '../domain/ids.js';
import { ExecutionModeSchema } from '../trading/trade-records.js';
import { AssetClassSchema, FiniteSchema, IsoInstantSchema, SchemaVersionSchema, SymbolSchema } from './fields.js';
import type { Decoded } from './fields.js';
import type { MessageKind } from './message-kind.js';
import { TOPICS } from './topics.js';

/** Every `type` of a paper-trading event on the `events` topic (executeOrders and reconcile publish them). */
export const TRADE_EVENT_TYPES = [
  'trade.submitted',
  'trade.filled',
  'trade.skipped',
  'trade.closed',
  'trade.fee',
  'trade.lost',
  'position.orphan',
  'position.zombie',
] as const;
export type TradeEventType = (typeof TRADE_EVENT_TYPES)[number];

const common = {
  schemaVersion: SchemaVersionSchema,
  /** UUIDv5 of what happened (see tradeEventIdFor): a repeated step gives the same id, and the notifier sends it once. */
  eventId: z.uuid(),
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  occurredAt: IsoInstantSchema,
  mode: ExecutionModeSchema,
};
const ofSignal = { ...common, signalId: z.uuid() };
const Figures = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));
const OrderFields = {
  clientOrderId: z.string(),
  leg: z.enum(['a', 'b', 'c', 'all']),
  action: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: FiniteSchema,
};

export const TradeSubmittedSchema = z.object({
  ...ofSignal,
  type: z.literal('trade.submitted'),
  ...OrderFields,
  orderType: z.string(),
  limitPrice: FiniteSchema.optional(),
  stopPrice: FiniteSchema.optional(),
});

export const TradeFilledSchema = z.object({
  ...ofSignal,
  type: z.literal('trade.filled'),
  ...OrderFields,
  price: FiniteSchema,
  fees: FiniteSchema,
  plannedPrice: FiniteSchema.optional(),
  slippage: FiniteSchema.optional(),
  partial: z.boolean(),
});

/**
 * No order: a risk gate refused (`gate`), sizing found it too small (`gate: 'sizing'`), or a lifecycle step came and
 * the entry never did (`gate: 'entry'`), with the figures.
 */
export const TradeSkippedSchema = z.object({
  ...ofSignal,
  type: z.literal('trade.skipped'),
  gate: z.string(),
  reason: z.string(),
  figures: Figures,
});

export const TradeClosedSchema = z.object({
  ...ofSignal,
  type: z.literal('trade.closed'),
  reason: z.string(),
  qty: FiniteSchema,
  realizedPnl: FiniteSchema,
  fees: FiniteSchema,
});

/**
 * A fee Alpaca took in the coin (a CFEE activity, posted at end of day), recorded against the position: `qty` of the
 * coin at `price`, `fees` = qty × price in dollars; `realizedPnl` is the position's result with it.
 */
export const TradeFeeSchema = z.object({
  ...ofSignal,
  type: z.literal('trade.fee'),
  activityId: z.string(),
  qty: FiniteSchema,
  price: FiniteSchema,
  fees: FiniteSchema,
  realizedPnl: FiniteSchema,
});

/** An order the broker did not know after three looks. */
export const TradeLostSchema = z.object({
  ...ofSignal,
  type: z.literal('trade.lost'),
  clientOrderId: z.string(),
  looks: z.number().int(),
});

/** A broker position no open signal of ours explains: reported, never traded. */
export const PositionOrphanSchema = z.object({
  ...common,
  type: z.literal('position.orphan'),
  qty: FiniteSchema,
  brokerSymbol: z.string(),
});

/** A position in our records that is gone at the broker: its record was closed with the evidence. */
export const PositionZombieSchema = z.object({
  ...ofSignal,
  type: z.literal('position.zombie'),
  qty: FiniteSchema,
  evidence: z.string(),
});

export const TradeEventSchema = z.discriminatedUnion('type', [
  TradeSubmittedSchema,
  TradeFilledSchema,
  TradeSkippedSchema,
  TradeClosedSchema,
  TradeFeeSchema,
  TradeLostSchema,
  PositionOrphanSchema,
  PositionZombieSchema,
]);
export type TradeEvent = Decoded<typeof TradeEventSchema>;
export type TradeSkippedEvent = Decoded<typeof TradeSkippedSchema>;

/** Trade events travel on `events` beside the signal events, with their `type` attribute. */
export const tradeEventKind: MessageKind<typeof TradeEventSchema> = {
  type: 'trade.event',
  topic: TOPICS.events,
  schema: TradeEventSchema,
  orderedBySymbol: false,
};

/** The event id of one trading fact, e.g. `tradeEventIdFor('trade.filled', clientOrderId, filledQty)`. */
export function tradeEventIdFor(type: TradeEventType, ...parts: readonly (string | number)[]): string {
  return uuidv5([type, ...parts].join('|'), ID_NAMESPACE);
}

/** Whether an `events` message is a trading event (by its `type` attribute). */
export function isTradeEventType(type: string | undefined): type is TradeEventType {
  return (TRADE_EVENT_TYPES as readonly string[]).includes(type ?? '');
}
