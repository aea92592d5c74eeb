import { z } from 'zod';
import { AssetClassSchema, FiniteSchema, IsoInstantSchema, SymbolSchema, TimeframeSchema } from '../messages/fields.js';
import type { Decoded } from '../messages/fields.js';

/** Where fills come from: Alpaca's paper account, or the simulated broker (the embedded default). */
export const ExecutionModeSchema = z.enum(['alpaca', 'simulated']);
export type ExecutionMode = z.output<typeof ExecutionModeSchema>;

const LegSchema = z.enum(['a', 'b', 'c', 'all']);
const ActionSchema = z.enum(['entry', 'stop', 'exit-tp1', 'exit-tp2', 'close', 'flatten']);

/**
 * One order this system sent, keyed by its client order id (version 1). executeOrders and reconcile are its only
 * writers; a bracket's legs are recorded as orders of their own with `parentClientOrderId`.
 */
export const OrderRecordSchema = z.object({
  schemaVersion: z.literal(1),
  clientOrderId: z.string().min(1).max(200),
  brokerOrderId: z.string().nullable(),
  parentClientOrderId: z.string().nullable(),
  signalId: z.string(),
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  leg: LegSchema,
  action: ActionSchema,
  side: z.enum(['buy', 'sell']),
  type: z.string(),
  qty: FiniteSchema,
  limitPrice: FiniteSchema.nullable(),
  stopPrice: FiniteSchema.nullable(),
  status: z.string(),
  filledQty: FiniteSchema,
  filledAvgPrice: FiniteSchema.nullable(),
  fees: FiniteSchema,
  /** The price the plan expected (signal entry, target, stop or lifecycle price). */
  plannedPrice: FiniteSchema.nullable(),
  /** Fill minus plan, per unit, signed against us (a buy above plan or a sell below is positive). */
  slippage: FiniteSchema.nullable(),
  mode: ExecutionModeSchema,
  submittedAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  /** Reconcile looks that found no such order at the broker; 3 → lost. */
  missingLooks: z.number().int().min(0),
});
export type OrderRecord = Decoded<typeof OrderRecordSchema>;

/** One crypto fee charged in the coin (see `coinFees`). */
export const CoinFeeSchema = z.object({
  activityId: z.string().min(1),
  date: z.string(),
  qty: FiniteSchema,
  price: FiniteSchema,
  usd: FiniteSchema,
});
export type CoinFee = Decoded<typeof CoinFeeSchema>;

/** One signal's position as this system holds it (version 1). */
export const PositionRecordSchema = z.object({
  schemaVersion: z.literal(1),
  signalId: z.string(),
  symbol: SymbolSchema,
  assetClass: AssetClassSchema,
  timeframe: TimeframeSchema,
  mode: ExecutionModeSchema,
  status: z.enum(['open', 'closed']),
  plannedQty: FiniteSchema,
  /** Quantity held now: filled buys minus filled sells. */
  qty: FiniteSchema,
  avgEntryPrice: FiniteSchema.nullable(),
  tranches: z.array(z.object({ leg: z.enum(['a', 'b', 'c']), qty: FiniteSchema, closed: z.boolean() })),
  stop: FiniteSchema,
  realizedPnl: FiniteSchema,
  fees: FiniteSchema,
  openedAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  closedAt: IsoInstantSchema.nullable(),
  closeReason: z.string().nullable(),
  /** What reconcile saw when it closed the record (a zombie: gone at the broker). */
  evidence: z.string().nullable(),
  /**
   * Fees Alpaca took in the coin (CFEE activities, posted at end of day), each once under its activity id: they make
   * `qty` smaller and count in `fees` and `realizedPnl` at qty × price. Absent in records written before them.
   */
  coinFees: z.array(CoinFeeSchema).optional(),
});
export type PositionRecord = Decoded<typeof PositionRecordSchema>;

/** One broker request and its answer, redacted: the audit trail of executions (archived by analytics). */
export const JournalEntrySchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string(),
  at: IsoInstantSchema,
  mode: ExecutionModeSchema,
  operation: z.string(),
  signalId: z.string().nullable(),
  clientOrderId: z.string().nullable(),
  request: z.json(),
  response: z.json().nullable(),
  error: z.string().nullable(),
});
export type JournalEntry = Decoded<typeof JournalEntrySchema>;

/** The account once a day (and at each reconcile): equity, cash, buying power, positions. */
export const AccountSnapshotSchema = z.object({
  schemaVersion: z.literal(1),
  /** `mode|YYYY-MM-DD`: one snapshot per account and day, the last write of the day wins. */
  id: z.string(),
  at: IsoInstantSchema,
  mode: ExecutionModeSchema,
  equity: FiniteSchema,
  lastEquity: FiniteSchema,
  cash: FiniteSchema,
  buyingPower: FiniteSchema,
  nonMarginableBuyingPower: FiniteSchema,
  positions: z.array(z.object({ symbol: z.string(), qty: FiniteSchema, marketValue: FiniteSchema.nullable() })),
});
export type AccountSnapshot = Decoded<typeof AccountSnapshotSchema>;
