import type { Signal } from '../../shared/domain/signal.js';
import { marketOpenFrom } from '../../shared/domain/sessions/bar-close.js';
import type { SignalCreatedEvent, SignalEvent } from '../../shared/messages/events.js';
import { tradeEventIdFor } from '../../shared/messages/trade-events.js';
import { clientOrderIdFor } from '../../shared/trading/client-order-id.js';
import type { PositionRecord } from '../../shared/trading/trade-records.js';
import type { TradingAsset } from '../../shared/trading/trading-types.js';
import { onOtherAccount } from './account-mode.js';
import { returnCorrelation } from './correlation.js';
import type { ExecuteOrdersDeps } from './execution-deps.js';
import { adoptUnrecorded, ensureOrder, publishTradeEvent, withHoldings } from '../../shared/trading/order-book.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import { ensureProtectiveStop } from '../../shared/trading/protective-stop.js';
import { checkGates } from './risk-gates.js';
import type { OpenExposure } from './risk-gates.js';
import { roundPriceTo } from '../../shared/trading/increments.js';
import { quantityStep, sizePosition } from './sizing.js';
import { splitTranches } from './tranches.js';

const TARGET = { a: 'tp1', b: 'tp2', c: 'tp3' } as const;

/** Skips the entry: the journal keeps why (once per signal) and people hear of it on the shadow route. */
export async function skip(
  deps: ExecuteOrdersDeps,
  event: Pick<SignalEvent, 'signalId' | 'symbol' | 'assetClass' | 'occurredAt'>,
  gate: string,
  reason: string,
  figures: Record<string, number | string | boolean>,
): Promise<void> {
  const at = event.occurredAt;
  await deps.trades.appendJournal({
    schemaVersion: 1,
    id: tradeEventIdFor('trade.skipped', event.signalId),
    at,
    mode: deps.broker.mode,
    operation: 'skip',
    signalId: event.signalId,
    clientOrderId: null,
    request: { gate, reason, figures },
    response: null,
    error: null,
  });
  await publishTradeEvent(deps, {
    schemaVersion: 1,
    type: 'trade.skipped',
    eventId: tradeEventIdFor('trade.skipped', event.signalId),
    signalId: event.signalId,
    symbol: event.symbol,
    assetClass: event.assetClass,
    occurredAt: at,
    mode: deps.broker.mode,
    gate,
    reason,
    figures,
  });
  deps.log.info('entry skipped', { signalId: event.signalId, symbol: event.symbol, gate, reason });
}

/** The signal's age as the signal-age gate reads it (risk-gates.ts, `GateInput.signalAgeMs`). */
function signalAge(deps: ExecuteOrdersDeps, signal: Pick<Signal, 'createdAt' | 'assetClass'>): number | null {
  if (deps.broker.mode === 'simulated') return null;
  const now = deps.now().getTime();
  const decided = Date.parse(signal.createdAt);
  if (decided > now || signal.assetClass !== 'EQUITY') return now - decided;
  return Math.max(0, now - marketOpenFrom(decided));
}

/** The skip recorded for this signal by an earlier delivery, if any (a redelivery repeats it, never re-decides). */
export async function earlierSkip(deps: ExecuteOrdersDeps, signalId: string) {
  const entries = await deps.trades.listJournal({ signalId, limit: 500 });
  return entries.find((entry) => entry.operation === 'skip');
}

async function openExposure(deps: ExecuteOrdersDeps): Promise<OpenExposure[]> {
  return (await deps.trades.listPositions('open')).map((p) => ({
    symbol: p.symbol,
    assetClass: p.assetClass,
    notional: (p.qty > 0 ? p.qty : p.plannedQty) * (p.avgEntryPrice ?? 0),
  }));
}

async function correlations(
  deps: ExecuteOrdersDeps,
  symbol: string,
  asOf: string,
  open: readonly OpenExposure[],
): Promise<Map<string, number | null>> {
  const result = new Map<string, number | null>();
  if (open.length === 0) return result;
  const mine = await deps.dailyBars(symbol, asOf);
  for (const position of open) result.set(position.symbol, returnCorrelation(mine, await deps.dailyBars(position.symbol, asOf)));
  return result;
}

/**
 * signal.created → gates, sizing, then the entry orders: equities as one bracket per tranche (TP1, TP2, TP3 as
 * their limit legs, the signal's stop as their stop legs); crypto as one market buy, then a GTC stop_limit sell.
 * The position record (the plan) is written before any order, so a redelivery resumes the same plan.
 */
export async function enter(deps: ExecuteOrdersDeps, event: SignalCreatedEvent): Promise<void> {
  const { signal } = event;
  const at = event.occurredAt;
  let position = await deps.trades.getPosition(signal.signalId);
  if (position === null) {
    const skipped = await earlierSkip(deps, signal.signalId);
    if (skipped !== undefined) {
      const request = skipped.request as { gate: string; reason: string; figures: Record<string, number | string | boolean> };
      await skip(deps, event, request.gate, request.reason, request.figures);
      return;
    }
    const [account, asset, paused, open] = await Promise.all([
      deps.broker.account(at),
      deps.broker.asset(signal.symbol),
      deps.paused(),
      openExposure(deps),
    ]);
    if (asset === null) return skip(deps, event, 'sizing', `${signal.symbol} is not listed by the broker`, {});
    const { limits } = deps;
    const sizing = sizePosition(signal.entry, signal.stop, asset, account, {
      riskPerTradeUsd: limits.riskPerTradeUsd,
      riskFractionOfEquity: limits.riskFractionOfEquity,
      maxPositionNotionalUsd: limits.maxPositionNotionalUsd,
      maxPositionQty: limits.maxPositionQty[signal.assetClass],
      minOrderNotionalUsd: limits.minOrderNotionalUsd,
      minAssetBuyingPowerUsd: limits.minAssetBuyingPowerUsd,
    });
    const verdict = checkGates({
      symbol: signal.symbol,
      assetClass: signal.assetClass,
      plannedNotional: sizing.kind === 'order' ? sizing.notional : 0,
      signalAgeMs: signalAge(deps, signal),
      account,
      paused,
      open,
      correlations: await correlations(deps, signal.symbol, signal.barCloseTime, open),
      limits: { ...limits, maxSignalAgeMs: deps.maxEventAgeMs },
    });
    if (!verdict.pass) return skip(deps, event, verdict.gate, verdict.reason, verdict.figures);
    if (sizing.kind === 'skip') return skip(deps, event, 'sizing', sizing.reason, sizing.figures);
    position = {
      schemaVersion: 1,
      signalId: signal.signalId,
      symbol: signal.symbol,
      assetClass: signal.assetClass,
      timeframe: signal.timeframe,
      mode: deps.broker.mode,
      status: 'open',
      plannedQty: sizing.qty,
      qty: 0,
      avgEntryPrice: null,
      tranches: splitTranches(sizing.qty, quantityStep(asset), signal.assetClass === 'CRYPTO' ? asset.minOrderSize : 1).map(
        (t) => ({ ...t, closed: false }),
      ),
      stop: signal.stop,
      realizedPnl: 0,
      fees: 0,
      openedAt: at,
      updatedAt: at,
      closedAt: null,
      closeReason: null,
      evidence: null,
    };
    await deps.trades.putPosition(position);
  } else if (onOtherAccount(deps, position, event)) return;
  if (position.status === 'closed') return;
  await adoptUnrecorded(deps, position, at);
  const asset = (await deps.broker.asset(signal.symbol)) ?? undefined;
  const reference = (await deps.nextOpen?.(signal.symbol, signal.timeframe, signal.barCloseTime)) ?? signal.entry;
  if (signal.assetClass === 'EQUITY') await enterEquity(deps, event, position, reference, asset);
  else await enterCrypto(deps, event, position, reference, asset);
}

async function enterEquity(
  deps: ExecuteOrdersDeps,
  event: SignalCreatedEvent,
  position: PositionRecord,
  reference: number,
  asset: TradingAsset | undefined,
): Promise<void> {
  const { signal } = event;
  const tick = asset?.priceIncrement ?? 0.01;
  for (const tranche of position.tranches) {
    await ensureOrder(
      deps,
      {
        clientOrderId: clientOrderIdFor(signal.signalId, tranche.leg, 'entry'),
        symbol: signal.symbol,
        side: 'buy',
        type: 'market',
        timeInForce: 'gtc',
        qty: tranche.qty,
        orderClass: 'bracket',
        takeProfit: { limitPrice: roundPriceTo(signal[TARGET[tranche.leg]], tick) },
        stopLoss: { stopPrice: roundPriceTo(signal.stop, tick) },
        referencePrice: reference,
      },
      { signalId: signal.signalId, assetClass: 'EQUITY', leg: tranche.leg, action: 'entry', plannedPrice: signal.entry },
      event.occurredAt,
    );
  }
  await settle(deps, position, event.occurredAt);
}

async function enterCrypto(
  deps: ExecuteOrdersDeps,
  event: SignalCreatedEvent,
  position: PositionRecord,
  reference: number,
  asset: TradingAsset | undefined,
): Promise<void> {
  const { signal } = event;
  const meta = { signalId: signal.signalId, assetClass: 'CRYPTO' as const, leg: 'all' as const };
  const entry = await ensureOrder(
    deps,
    {
      clientOrderId: clientOrderIdFor(signal.signalId, 'all', 'entry'),
      symbol: signal.symbol,
      side: 'buy',
      type: 'market',
      timeInForce: 'gtc',
      qty: position.plannedQty,
      referencePrice: reference,
    },
    { ...meta, action: 'entry', plannedPrice: signal.entry },
    event.occurredAt,
  );
  const held = await settle(deps, position, event.occurredAt);
  // An open stop holds its quantity: it is placed for what filled (reconcile places it when the fill comes later).
  if (entry.filledQty > 0 && held.qty > 0)
    await ensureProtectiveStop(deps, held, signal.stop, asset, deps.limits.stopLimitOffsetFraction, event.occurredAt);
}

/** Rewrites the position from its orders (quantity held, average entry, fees). */
export async function settle(deps: Pick<OrderBookDeps, 'trades'>, position: PositionRecord, at: string): Promise<PositionRecord> {
  const orders = await deps.trades.listOrders({ signalId: position.signalId });
  const next = withHoldings(position, orders, at);
  if (JSON.stringify({ ...next, updatedAt: '' }) !== JSON.stringify({ ...position, updatedAt: '' }))
    await deps.trades.putPosition(next);
  return next;
}
