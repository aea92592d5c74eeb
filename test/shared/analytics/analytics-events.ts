import { eventIdFor, signalIdFor } from '../../../shared/domain/ids.js';
import type { PatternName } from '../../../shared/domain/patterns.js';
import type { Signal, SignalStatus } from '../../../shared/domain/signal.js';
import { accountSnapshotEvent, AccountSnapshotEventSchema } from '../../../shared/messages/account-snapshot-event.js';
import type { AccountSnapshotEvent } from '../../../shared/messages/account-snapshot-event.js';
import { SignalEventSchema } from '../../../shared/messages/events.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import { makeSignal } from '../../functions/persist-state/signal-factory.js';

const DAY = 86_400_000;
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/** A closed daily signal: it was decided on `bar`, held `barsHeld` bars and ended with `rNet` (gross `rGross`). */
export interface ClosedSpec {
  readonly symbol?: string;
  readonly assetClass?: 'CRYPTO' | 'EQUITY';
  readonly pattern?: PatternName;
  readonly bar: string;
  readonly barsHeld: number;
  readonly rNet: number;
  readonly rGross?: number;
  /** Rules version 1 names (TP_HIT, STOP_LOSS, STRUCTURAL_INVALIDATION, EXPIRED), which later versions still read. */
  readonly exitReason?: string;
}

const TERMINAL: Readonly<Record<string, { type: SignalEvent['type']; status: SignalStatus }>> = {
  TP_HIT: { type: 'signal.tp3', status: 'TP3_HIT' },
  STOP_LOSS: { type: 'signal.stopped', status: 'STOPPED' },
  STRUCTURAL_INVALIDATION: { type: 'signal.invalidated', status: 'INVALIDATED' },
  COLOR_FLIP: { type: 'signal.invalidated', status: 'INVALIDATED' },
  EXPIRED: { type: 'signal.expired', status: 'EXPIRED' },
};

/** The signal of a spec, as persistState stores it when created. */
export function createdSignal(spec: Omit<ClosedSpec, 'barsHeld' | 'rNet'>): Signal {
  const symbol = spec.symbol ?? (spec.assetClass === 'EQUITY' ? 'SPY' : 'BTC/USD');
  const pattern = spec.pattern ?? 'BULLISH_ENGULFING';
  return makeSignal({
    signalId: signalIdFor(symbol, '1Day', pattern, spec.bar),
    symbol,
    assetClass: spec.assetClass ?? 'CRYPTO',
    timeframe: '1Day',
    pattern,
    barTimestamp: spec.bar,
    barCloseTime: at(spec.bar, 1),
    createdAt: at(spec.bar, 1),
    validUntil: at(spec.bar, 6),
    lastBarTimestamp: spec.bar,
    updatedAt: at(spec.bar, 1),
  });
}

/** `signal.created` of a spec, valid on the wire. */
export function createdEventOf(spec: Omit<ClosedSpec, 'barsHeld' | 'rNet'>): SignalEvent {
  const signal = createdSignal(spec);
  return SignalEventSchema.parse({
    schemaVersion: 1,
    eventId: eventIdFor(signal.signalId, 'signal.created'),
    type: 'signal.created',
    signalId: signal.signalId,
    symbol: signal.symbol,
    assetClass: signal.assetClass,
    timeframe: signal.timeframe,
    occurredAt: signal.createdAt,
    signal,
  });
}

/**
 * A lifecycle event of a spec's signal on its `barsHeld`-th bar: terminal by default, or `signal.tp1` with a
 * running R. `extra` adds fields the signal may carry in later versions (R gross and net).
 */
export function lifecycleEventOf(
  spec: ClosedSpec,
  step: 'terminal' | 'tp1' = 'terminal',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const created = createdSignal(spec);
  const lastBar = at(spec.bar, spec.barsHeld);
  const exitReason = spec.exitReason ?? (spec.rNet > 0 ? 'TP_HIT' : spec.rNet < 0 ? 'STOP_LOSS' : 'EXPIRED');
  const { type, status } = step === 'tp1' ? { type: 'signal.tp1' as const, status: 'TP1_HIT' as const } : TERMINAL[exitReason];
  const ended = step === 'terminal';
  const signal = {
    ...created,
    status,
    lastBarTimestamp: lastBar,
    openFraction: ended ? 0 : 0.5,
    // After TP1 the stop sits at breakeven or above: a target exit or a tp1 step reached TP1.
    currentStop: exitReason === 'TP_HIT' || step === 'tp1' ? created.entry : created.stop,
    realizedR: spec.rGross ?? spec.rNet,
    // Rules version 2 carries these on every signal: the bars it was held and its R after costs.
    barsHeld: spec.barsHeld,
    realizedRNet: spec.rNet,
    tp1Reached: exitReason === 'TP_HIT' || step === 'tp1',
    exitReason: ended ? exitReason : null,
    exitPrice: ended ? 62_000 : null,
    exitTime: ended ? at(lastBar, 1) : null,
    updatedAt: at(lastBar, 1),
    ...(spec.rGross === undefined ? {} : { realizedRGross: spec.rGross, realizedRNet: spec.rNet }),
    ...extra,
  };
  const event = {
    schemaVersion: 1,
    eventId: eventIdFor(created.signalId, type),
    type,
    signalId: created.signalId,
    symbol: created.symbol,
    assetClass: created.assetClass,
    timeframe: created.timeframe,
    occurredAt: at(lastBar, 1),
    barTimestamp: lastBar,
    status,
    price: 62_000,
    realizedR: signal.realizedR,
    ...(ended ? { exitReason } : {}),
    signal,
  };
  SignalEventSchema.parse(event);
  return event;
}

/** A simulated account snapshot as reconcile publishes it (`accountSnapshotEvent` of the stored snapshot). */
export function accountSnapshotOf(asOf: string, equity: number): AccountSnapshotEvent {
  return AccountSnapshotEventSchema.parse(
    accountSnapshotEvent({
      schemaVersion: 1,
      id: `simulated|${asOf.slice(0, 10)}`,
      at: asOf,
      mode: 'simulated',
      equity,
      lastEquity: equity,
      cash: equity / 2,
      buyingPower: equity,
      nonMarginableBuyingPower: equity / 2,
      positions: [],
    }),
  );
}

/** A `trade.filled` of paper trading: an order of `qty` planned at `planned`, filled at `fill`. */
export function tradeFilledOf(
  signalId: string,
  leg: string,
  qty: number,
  planned: number,
  fill: number,
  fees: number,
): Record<string, unknown> {
  return {
    schemaVersion: 1,
    eventId: eventIdFor(signalId, `trade.filled|${leg}`),
    type: 'trade.filled',
    occurredAt: '2024-03-02T00:00:05.000Z',
    signalId,
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    clientOrderId: `${signalId}-${leg}`,
    leg,
    side: leg === 'entry' ? 'buy' : 'sell',
    orderType: 'market',
    qty,
    plannedPrice: planned,
    fillPrice: fill,
    fees,
    simulated: true,
  };
}

// Hand-computed book. BULLISH_ENGULFING on BTC/USD (crypto), exits in March 2024, net R +2, -1, -1, 0 (expired):
// cumulative 2, 1, 0, 0 → peak 2, max drawdown 2; 1 win of 4; expectancy 0; profit factor 2 / 2 = 1;
// bars held 4, 2, 6, 5 → 4.25; expired 1 of 4. BULLISH_HAMMER on SPY (equity), exits in April 2024, net R -0.5 then
// +1.5: cumulative -0.5, 1 → drawdown from 0 is 0.5; 1 win of 2; expectancy 0.5; profit factor 3; bars 3, 1 → 2.
export const ENGULFING: ClosedSpec[] = [
  { bar: '2024-02-27T00:00:00.000Z', barsHeld: 4, rNet: 2, rGross: 2.1 },
  { bar: '2024-03-02T00:00:00.000Z', barsHeld: 2, rNet: -1, rGross: -0.9 },
  { bar: '2024-03-02T00:00:00.000Z', barsHeld: 6, rNet: -1, rGross: -0.9, symbol: 'ETH/USD' },
  { bar: '2024-03-06T00:00:00.000Z', barsHeld: 5, rNet: 0, rGross: 0, exitReason: 'EXPIRED' },
];
export const HAMMER: ClosedSpec[] = [
  { bar: '2024-03-28T00:00:00.000Z', barsHeld: 3, rNet: -0.5, assetClass: 'EQUITY', pattern: 'BULLISH_HAMMER' },
  { bar: '2024-04-01T00:00:00.000Z', barsHeld: 1, rNet: 1.5, assetClass: 'EQUITY', pattern: 'BULLISH_HAMMER' },
];
export const OPEN: Omit<ClosedSpec, 'barsHeld' | 'rNet'> = { bar: '2024-04-10T00:00:00.000Z', symbol: 'SOL/USD' };

/** Every event of the book, the tp1 step of the first signal archived last (shuffled delivery). */
export function bookEvents(): Record<string, unknown>[] {
  const closed = [...ENGULFING, ...HAMMER];
  return [
    ...closed.map((spec) => createdEventOf(spec) as unknown as Record<string, unknown>),
    createdEventOf(OPEN) as unknown as Record<string, unknown>,
    ...closed.map((spec) => lifecycleEventOf(spec)),
    lifecycleEventOf({ ...ENGULFING[0], barsHeld: 1, rNet: 0.5, rGross: 0.5 }, 'tp1'),
  ];
}
