import { randomUUID } from 'node:crypto';
import { atTradeDesk } from '../../shared/trading/trade-desk.js';
import type { Logger } from '../../shared/log/logger.js';
import { tradeEventIdFor } from '../../shared/messages/trade-events.js';
import {
  adoptUnrecorded,
  holdingsOf,
  publishClosed,
  publishOrderFacts,
  publishTradeEvent,
  updatedRecord,
} from '../../shared/trading/order-book.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import type { AccountSnapshot, PositionRecord } from '../../shared/trading/trade-records.js';
import { accountSnapshotEvent, accountSnapshotEventKind } from '../../shared/messages/account-snapshot-event.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { mayStillChange, positionSymbol } from '../../shared/trading/trading-types.js';
import { coverHeldQuantity } from '../../shared/trading/protective-stop.js';
import { recordCoinFees } from './coin-fees.js';
import type { RecordedFee } from './coin-fees.js';

/** An order Alpaca does not know after this many looks is lost. */
export const LOOKS_BEFORE_LOST = 3;

/** What one reconciliation found. */
export interface ReconcileReport {
  readonly ordersChecked: number;
  readonly fills: number;
  readonly lost: readonly string[];
  readonly orphans: readonly { readonly symbol: string; readonly qty: number }[];
  readonly zombies: readonly string[];
  /** Open positions whose quantity differs between the store and the broker (by symbol). */
  readonly drift: readonly { readonly symbol: string; readonly store: number; readonly broker: number }[];
  readonly closed: readonly string[];
  /** Crypto positions (signal ids) whose protective stop was grown to, or placed for, entry fills that came later. */
  readonly stopsCovered: readonly string[];
  /** Crypto positions whose protective stop shrank to what is held after a fee taken in the coin. */
  readonly stopsShrunk: readonly string[];
  /** Alpaca's crypto fees (CFEE activities) recorded in this run; each is recorded once. */
  readonly feesRecorded: readonly RecordedFee[];
  /** CFEE activity ids no position of ours explains (logged; looked at again next run). */
  readonly feesUnmatched: readonly string[];
}

export interface ReconcileDeps extends OrderBookDeps {
  readonly log: Pick<Logger, 'warn' | 'info'>;
  readonly now: () => Date;
  /** A crypto protective stop_limit's limit lies this fraction below its stop (CRYPTO_STOP_LIMIT_OFFSET_PCT). */
  readonly stopLimitOffsetFraction: number;
  /** Waits between looks at a busy trade desk; faked in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The broker against the store: open orders refreshed (fills and partial fills recorded with price, fees and
 * slippage against the plan; three looks that find nothing → lost, alerted), positions compared (a broker position
 * no open signal explains → orphan, alerted, never traded; a recorded position gone at the broker → zombie, its
 * record closed with the evidence; a position whose close has filled → closed). Writes only trade documents.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  return atTradeDesk(deps, `reconcile (${randomUUID()})`, () => reconcileAtDesk(deps));
}

async function reconcileAtDesk(deps: ReconcileDeps): Promise<ReconcileReport> {
  const at = deps.now().toISOString();
  const mode = deps.broker.mode;
  const lost: string[] = [];
  let fills = 0;
  let checked = 0;
  for (const position of await deps.trades.listPositions('open'))
    if (position.mode === mode) await adoptUnrecorded(deps, position, at);
  for (const record of await deps.trades.listOrders()) {
    if (record.mode !== mode || !mayStillChange(record)) continue;
    checked++;
    const order =
      record.brokerOrderId === null
        ? await deps.broker.orderByClientId(record.clientOrderId)
        : await deps.broker.order(record.brokerOrderId);
    if (order === null) {
      const looks = record.missingLooks + 1;
      const isLost = looks >= LOOKS_BEFORE_LOST;
      await deps.trades.putOrder({ ...record, missingLooks: looks, status: isLost ? 'lost' : record.status, updatedAt: at });
      if (isLost) {
        lost.push(record.clientOrderId);
        deps.log.warn('order lost: the broker does not know it', { clientOrderId: record.clientOrderId, looks });
        await publishTradeEvent(deps, {
          schemaVersion: 1,
          type: 'trade.lost',
          eventId: tradeEventIdFor('trade.lost', record.clientOrderId),
          signalId: record.signalId,
          symbol: record.symbol,
          assetClass: record.assetClass,
          occurredAt: at,
          mode,
          clientOrderId: record.clientOrderId,
          looks,
        });
      }
      continue;
    }
    const next = updatedRecord(record, order, at);
    if (next.filledQty > record.filledQty) fills++;
    if (next.status !== record.status || next.filledQty !== record.filledQty) {
      await deps.trades.putOrder(next);
      await publishOrderFacts(deps, next, record, at);
    }
  }

  const fees = await recordCoinFees(deps, deps.now(), at);

  const brokerPositions = await deps.broker.positions();
  const held = new Map(brokerPositions.map((p) => [positionSymbol(p.symbol), p]));
  const open = (await deps.trades.listPositions('open')).filter((p) => p.mode === mode);
  const zombies: string[] = [];
  const closed: string[] = [];
  const drift: { symbol: string; store: number; broker: number }[] = [];
  const stopsCovered: string[] = [];
  const stopsShrunk: string[] = [];
  for (const position of open) {
    const orders = await deps.trades.listOrders({ signalId: position.signalId });
    const holdings = holdingsOf(orders, position.coinFees);
    const atBroker = held.get(positionSymbol(position.symbol))?.qty ?? 0;
    const next: PositionRecord = {
      ...position,
      qty: holdings.qty,
      avgEntryPrice: holdings.avgEntryPrice,
      realizedPnl: holdings.realized,
      fees: holdings.fees,
      updatedAt: at,
    };
    if (holdings.qty <= 1e-9 && orders.some((o) => o.side === 'sell' && o.filledQty > 0)) {
      // The reason a lifecycle close or close-all was sent for, when its sell filled after it; else a fill at the
      // broker (a protective stop) closed it.
      const record: PositionRecord = {
        ...next,
        status: 'closed',
        qty: 0,
        closedAt: at,
        closeReason: position.closeReason ?? 'closed-at-broker',
        tranches: next.tranches.map((t) => ({ ...t, closed: true })),
      };
      await deps.trades.putPosition(record);
      await publishClosed(deps, record, at);
      closed.push(position.signalId);
      continue;
    }
    if (holdings.qty > 1e-9 && atBroker <= 1e-9) {
      const evidence = `GET /v2/positions at ${at} lists no ${positionSymbol(position.symbol)}; our orders hold ${holdings.qty}`;
      await deps.trades.putPosition({ ...next, status: 'closed', closedAt: at, closeReason: 'zombie', evidence });
      zombies.push(position.signalId);
      deps.log.warn('zombie position: gone at the broker; record closed', {
        signalId: position.signalId,
        symbol: position.symbol,
      });
      await publishTradeEvent(deps, {
        schemaVersion: 1,
        type: 'position.zombie',
        eventId: tradeEventIdFor('position.zombie', position.signalId),
        signalId: position.signalId,
        symbol: position.symbol,
        assetClass: position.assetClass,
        occurredAt: at,
        mode,
        qty: holdings.qty,
        evidence,
      });
      continue;
    }
    if (Math.abs(holdings.qty - atBroker) > 1e-9) drift.push({ symbol: position.symbol, store: holdings.qty, broker: atBroker });
    if (JSON.stringify({ ...next, updatedAt: '' }) !== JSON.stringify({ ...position, updatedAt: '' }))
      await deps.trades.putPosition(next);
    // More of the entry filled since the stop was placed: an open stop holds only its own quantity, so it grows; a fee
    // taken in the coin made the position smaller: the stop shrinks to what is there.
    const stop = await coverHeldQuantity(deps, next, deps.stopLimitOffsetFraction, at, atBroker);
    if (stop === 'shrunk') stopsShrunk.push(position.signalId);
    else if (stop !== 'covered') stopsCovered.push(position.signalId);
  }

  const explained = new Set(open.filter((p) => !zombies.includes(p.signalId)).map((p) => positionSymbol(p.symbol)));
  const orphans: { symbol: string; qty: number }[] = [];
  for (const position of brokerPositions) {
    if (explained.has(positionSymbol(position.symbol))) continue;
    orphans.push({ symbol: position.symbol, qty: position.qty });
    deps.log.warn('orphan position at the broker: reported, never traded', { symbol: position.symbol, qty: position.qty });
    await publishTradeEvent(deps, {
      schemaVersion: 1,
      type: 'position.orphan',
      eventId: tradeEventIdFor('position.orphan', position.symbol, position.qty, at.slice(0, 10)),
      symbol: orderSymbol(position.symbol, position.assetClass),
      assetClass: position.assetClass,
      occurredAt: at,
      mode,
      qty: position.qty,
      brokerSymbol: position.symbol,
    });
  }
  return {
    ordersChecked: checked,
    fills,
    lost,
    orphans,
    zombies,
    drift,
    closed,
    stopsCovered,
    stopsShrunk,
    feesRecorded: fees.recorded,
    feesUnmatched: fees.unmatched,
  };
}

/** `BTCUSD` → `BTC/USD` for a crypto position (USD, USDT and USDC quotes); equities unchanged. */
function orderSymbol(symbol: string, assetClass: 'CRYPTO' | 'EQUITY'): string {
  if (assetClass !== 'CRYPTO' || symbol.includes('/')) return symbol;
  const quote = ['USDT', 'USDC', 'USD', 'BTC'].find((q) => symbol.endsWith(q) && symbol.length > q.length);
  return quote === undefined ? symbol : `${symbol.slice(0, -quote.length)}/${quote}`;
}

/**
 * The daily account snapshot (equity, cash, buying power, positions): stored, one per account and day (the last one
 * wins), and published as `account.snapshot` for the archive's equity curve. `asOf` dates it on the simulated broker,
 * whose account a replay reads as it stood then; Alpaca's account is always the one of now.
 */
export async function snapshotAccount(
  deps: Pick<ReconcileDeps, 'trades' | 'broker' | 'now' | 'bus'>,
  asOf?: string,
): Promise<void> {
  const at = asOf !== undefined && deps.broker.mode === 'simulated' ? asOf : deps.now().toISOString();
  const [account, positions] = await Promise.all([deps.broker.account(at), deps.broker.positions()]);
  const snapshot: AccountSnapshot = {
    schemaVersion: 1,
    id: `${deps.broker.mode}|${at.slice(0, 10)}`,
    at,
    mode: deps.broker.mode,
    equity: account.equity,
    lastEquity: account.lastEquity,
    cash: account.cash,
    buyingPower: account.buyingPower,
    nonMarginableBuyingPower: account.nonMarginableBuyingPower,
    positions: positions.map((p) => ({ symbol: p.symbol, qty: p.qty, marketValue: p.marketValue })),
  };
  await deps.trades.putAccountSnapshot(snapshot);
  await deps.bus.publish(accountSnapshotEventKind.topic, encodeMessage(accountSnapshotEventKind, accountSnapshotEvent(snapshot)));
}
