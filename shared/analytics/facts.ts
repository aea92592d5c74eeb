import { isTimeframe, timeframeMs } from '../domain/bar.js';
import { recordAt, numberOf, stringOf, booleanOf } from './event-fields.js';
import type { JsonRecord } from './event-fields.js';
import type { FactBatch, FactRow, FactTableName } from './fact-tables.js';

/**
 * The order of a lifecycle step within its bar: a later step of the same bar sorts higher, and every terminal
 * step sorts last (the event that ends a signal is its final state).
 */
const STEP_RANK: Readonly<Record<string, number>> = {
  'signal.created': 0,
  'signal.rejected': 0,
  // Emitted with the bar the signal resumes on, before that bar is applied: it carries the signal as it was.
  'signal.gap': 0,
  'signal.tp1': 1,
  'signal.tp2': 2,
  'signal.trailed': 3,
  'signal.tp3': 7,
  'signal.stopped': 7,
  'signal.invalidated': 7,
  'signal.expired': 7,
};

/**
 * The lifecycle sequence of a signal event: the `sequence` the event or its signal carries when there is one,
 * else derived from the bar the step happened on and the step's rank, so it grows along the signal's life
 * whatever order the events arrive in.
 */
export function lifecycleSequence(event: JsonRecord): number {
  const carried = numberOf(event, 'sequence') ?? numberOf(recordAt(event, 'signal'), 'sequence');
  if (carried !== null) return Math.trunc(carried);
  const type = stringOf(event, 'type') ?? '';
  if (type === 'signal.created' || type === 'signal.rejected') return 0;
  const bar = stringOf(event, 'barTimestamp');
  const seconds = bar === null ? 0 : Math.floor(Date.parse(bar) / 1000);
  return seconds * 8 + (STEP_RANK[type] ?? 4);
}

/** Bars from the signal bar to the newest bar applied, unless the signal says how many it held. */
function barsHeld(signal: JsonRecord): number | null {
  const carried = numberOf(signal, 'barsHeld');
  if (carried !== null) return Math.trunc(carried);
  const timeframe = stringOf(signal, 'timeframe');
  const first = stringOf(signal, 'barTimestamp');
  const last = stringOf(signal, 'lastBarTimestamp');
  if (timeframe === null || !isTimeframe(timeframe) || first === null || last === null) return null;
  return Math.max(0, Math.round((Date.parse(last) - Date.parse(first)) / timeframeMs(timeframe)));
}

/** Whether TP1 filled: the signal says so, or (rules before it did) its stop moved up to breakeven. */
function tp1Reached(signal: JsonRecord): boolean | null {
  const carried = booleanOf(signal, 'tp1Reached');
  if (carried !== null) return carried;
  const stop = numberOf(signal, 'currentStop');
  const entry = numberOf(signal, 'entry');
  return stop === null || entry === null ? null : stop >= entry;
}

/** R before costs: the signal's gross figure when it has one, else the single R it books. */
function rGross(signal: JsonRecord): number | null {
  return numberOf(signal, 'realizedRGross', 'rGross', 'grossR', 'realizedR');
}

function rNet(signal: JsonRecord): number | null {
  return numberOf(signal, 'realizedRNet', 'rNet', 'netR') ?? rGross(signal);
}

type Json = FactRow['json'];

function archiveColumns(event: JsonRecord, archivedAt: string): Json {
  return {
    event_id: stringOf(event, 'eventId') ?? '',
    archived_at: archivedAt,
    occurred_at: stringOf(event, 'occurredAt', 'asOf', 'timestamp') ?? archivedAt,
    event_type: stringOf(event, 'type') ?? '',
  };
}

/** The event as JSON without the chart bars, which are large and kept nowhere for analysis. */
function payloadOf(event: JsonRecord): string {
  const { recentBars: _bars, ...rest } = event;
  return JSON.stringify(rest);
}

/** The signal state after a created or lifecycle event: one `fact_signals` row. */
function signalRow(event: JsonRecord, signal: JsonRecord, archivedAt: string): Json {
  const provenance = recordAt(signal, 'provenance');
  const status = stringOf(signal, 'status') ?? '';
  const ended = stringOf(signal, 'exitTime') !== null;
  return {
    ...archiveColumns(event, archivedAt),
    signal_id: stringOf(signal, 'signalId') ?? '',
    sequence: lifecycleSequence(event),
    symbol: stringOf(signal, 'symbol') ?? '',
    asset_class: stringOf(signal, 'assetClass') ?? '',
    timeframe: stringOf(signal, 'timeframe') ?? '',
    pattern: stringOf(signal, 'pattern') ?? '',
    conviction: stringOf(signal, 'convictionTier') ?? '',
    classification: stringOf(signal, 'classification'),
    bar_timestamp: stringOf(signal, 'barTimestamp') ?? '',
    created_at: stringOf(signal, 'createdAt') ?? '',
    valid_until: stringOf(signal, 'validUntil'),
    entry: numberOf(signal, 'entry'),
    stop: numberOf(signal, 'stop'),
    invalidation: numberOf(signal, 'invalidation'),
    tp1: numberOf(signal, 'tp1'),
    tp2: numberOf(signal, 'tp2'),
    tp3: numberOf(signal, 'tp3'),
    risk_reward: numberOf(signal, 'riskReward'),
    status,
    current_stop: numberOf(signal, 'currentStop'),
    open_fraction: numberOf(signal, 'openFraction'),
    exit_reason: stringOf(signal, 'exitReason'),
    exit_price: numberOf(signal, 'exitPrice'),
    exit_time: stringOf(signal, 'exitTime'),
    // A result is a result only once the signal has ended; an open signal's running R is not one.
    r_gross: ended ? rGross(signal) : null,
    r_net: ended ? rNet(signal) : null,
    bars_held: barsHeld(signal),
    engine_version: stringOf(provenance, 'engineVersion'),
    params_hash: stringOf(provenance, 'paramsHash'),
    first_bar: stringOf(provenance, 'firstBar'),
    last_bar: stringOf(provenance, 'lastBar'),
    bars_used: numberOf(provenance, 'bars'),
    tp1_reached: tp1Reached(signal),
  };
}

function signalEventRow(event: JsonRecord, archivedAt: string): Json {
  const document = recordAt(event, 'signal') ?? recordAt(event, 'rejected');
  const reasons = document?.reasons;
  return {
    ...archiveColumns(event, archivedAt),
    signal_id: stringOf(event, 'signalId') ?? '',
    sequence: lifecycleSequence(event),
    symbol: stringOf(event, 'symbol') ?? '',
    asset_class: stringOf(event, 'assetClass') ?? '',
    timeframe: stringOf(event, 'timeframe') ?? '',
    pattern: stringOf(document, 'pattern'),
    bar_timestamp: stringOf(event, 'barTimestamp') ?? stringOf(document, 'barTimestamp'),
    status:
      stringOf(event, 'status') ?? (stringOf(event, 'type') === 'signal.rejected' ? 'REJECTED' : stringOf(document, 'status')),
    price: numberOf(event, 'price'),
    realized_r: numberOf(event, 'realizedR'),
    exit_reason: stringOf(event, 'exitReason'),
    reasons: Array.isArray(reasons) ? reasons.filter((r) => typeof r === 'string').join('; ') : null,
    payload: payloadOf(event),
  };
}

/** A `trade.*` event of paper trading (issue 10's shape, read leniently: absent fields stay null). */
function tradeRow(event: JsonRecord, archivedAt: string): Json {
  const order = recordAt(event, 'order') ?? recordAt(event, 'fill') ?? {};
  const pick = (...keys: string[]) => numberOf(event, ...keys) ?? numberOf(order, ...keys);
  const text = (...keys: string[]) => stringOf(event, ...keys) ?? stringOf(order, ...keys);
  const qty = pick('filledQty', 'qty', 'quantity');
  const fill = pick('fillPrice', 'filledAvgPrice', 'filled_avg_price', 'price');
  const planned = pick('plannedPrice', 'expectedPrice', 'limitPrice');
  const explicitSlippage = pick('slippage');
  return {
    ...archiveColumns(event, archivedAt),
    signal_id: text('signalId'),
    symbol: text('symbol') ?? '',
    asset_class: text('assetClass'),
    client_order_id: text('clientOrderId', 'client_order_id'),
    broker_order_id: text('brokerOrderId', 'orderId', 'id'),
    leg: text('leg'),
    side: text('side'),
    order_type: text('orderType', 'type_', 'orderClass'),
    qty,
    planned_price: planned,
    fill_price: fill,
    notional: pick('notional') ?? (qty !== null && fill !== null ? qty * fill : null),
    fees: pick('fees', 'fee', 'commission'),
    slippage: explicitSlippage ?? (fill !== null && planned !== null ? fill - planned : null),
    realized_pnl: pick('realizedPnl', 'pnl'),
    reason: text('reason', 'gate'),
    simulated: booleanOf(event, 'simulated') ?? booleanOf(order, 'simulated'),
    payload: JSON.stringify(event),
  };
}

function accountRow(event: JsonRecord, archivedAt: string): Json {
  const account = recordAt(event, 'account') ?? event;
  const positions = account.positions;
  return {
    ...archiveColumns(event, archivedAt),
    symbol: stringOf(account, 'accountId', 'account') ?? (booleanOf(event, 'simulated') ? 'simulated' : 'paper'),
    as_of: stringOf(event, 'asOf', 'occurredAt') ?? archivedAt,
    equity: numberOf(account, 'equity'),
    last_equity: numberOf(account, 'lastEquity', 'last_equity'),
    cash: numberOf(account, 'cash'),
    buying_power: numberOf(account, 'buyingPower', 'buying_power'),
    non_marginable_buying_power: numberOf(account, 'nonMarginableBuyingPower', 'non_marginable_buying_power'),
    positions: Array.isArray(positions) ? positions.length : numberOf(account, 'positions', 'openPositions'),
    simulated: booleanOf(event, 'simulated') ?? booleanOf(account, 'simulated'),
  };
}

/** The kind of fact an event type makes, or `undefined` when analytics keeps nothing of it. */
export function factKindOf(type: string): 'signal' | 'trade' | 'account' | undefined {
  if (type === 'account.snapshot' || type === 'trade.account-snapshot') return 'account';
  if (type.startsWith('signal.')) return 'signal';
  if (type.startsWith('trade.') || type.startsWith('position.')) return 'trade';
  return undefined;
}

/**
 * The facts of one event (already validated by its schema), each row with `insertId` = the event id:
 * signal events make a `fact_signal_events` row and, unless rejected, the signal state in `fact_signals`;
 * trade events a `fact_trades` row; account snapshots a `snapshot_accounts` row.
 */
export function factsOf(event: JsonRecord, archivedAt: string): FactBatch {
  const type = stringOf(event, 'type') ?? '';
  const insertId = stringOf(event, 'eventId') ?? '';
  const row = (json: Json): FactRow[] => [{ insertId, json }];
  switch (factKindOf(type)) {
    case 'signal': {
      const signal = recordAt(event, 'signal');
      return {
        fact_signal_events: row(signalEventRow(event, archivedAt)),
        ...(signal && type !== 'signal.rejected' ? { fact_signals: row(signalRow(event, signal, archivedAt)) } : {}),
      };
    }
    case 'trade':
      return { fact_trades: row(tradeRow(event, archivedAt)) };
    case 'account':
      return { snapshot_accounts: row(accountRow(event, archivedAt)) };
    default:
      return {};
  }
}

/** Appends the batches of several events, table by table. */
export function mergeBatches(batches: readonly FactBatch[]): FactBatch {
  const merged: Partial<Record<FactTableName, FactRow[]>> = {};
  for (const batch of batches) {
    for (const [table, rows] of Object.entries(batch) as [FactTableName, FactRow[]][]) {
      (merged[table] ??= []).push(...rows);
    }
  }
  return merged;
}
