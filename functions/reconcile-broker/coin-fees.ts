import type { Logger } from '../../shared/log/logger.js';
import { tradeEventIdFor } from '../../shared/messages/trade-events.js';
import { publishTradeEvent, withHoldings } from '../../shared/trading/order-book.js';
import type { OrderBookDeps } from '../../shared/trading/order-book.js';
import type { PositionRecord } from '../../shared/trading/trade-records.js';
import { positionSymbol } from '../../shared/trading/trading-types.js';
import type { CryptoFee } from '../../shared/trading/trading-types.js';

/**
 * Fees are looked for from the day before the oldest open crypto position opened, and at least this many days back
 * (a fee posted at the end of a position's last day reaches it after it closed).
 */
export const FEE_LOOKBACK_DAYS = 7;

const DAY_MS = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);

/** A fee recorded against a position. */
export interface RecordedFee {
  readonly signalId: string;
  readonly activityId: string;
  readonly qty: number;
  readonly usd: number;
}

/**
 * The position a fee belongs to: one of its symbol (and mode) that was open on the fee's day; the latest opened when
 * several were (one position per symbol makes that rare). A fee is posted at the end of the day of the fill it is
 * charged on, so a position closed that day (or later) may still receive it.
 */
function owner(fee: CryptoFee, positions: readonly PositionRecord[]): PositionRecord | undefined {
  return positions
    .filter(
      (p) =>
        p.assetClass === 'CRYPTO' &&
        positionSymbol(p.symbol) === fee.symbol &&
        day(p.openedAt) <= fee.date &&
        (p.closedAt === null || day(p.closedAt) >= fee.date),
    )
    .at(-1);
}

/**
 * Alpaca's crypto fees taken in the coin (CFEE activities) recorded against the positions they were charged on, each
 * once (by activity id, so a re-run or a redelivered reconcile records nothing twice): the position's quantity
 * shrinks by the coin, and its fees and realized result count the fee at qty × price. A closed position keeps its
 * zero quantity and gets the fee in its result; each fee is a `trade.fee` event (a trade fact for analytics). A fee
 * no position explains is logged and left for the next run.
 */
export async function recordCoinFees(
  deps: OrderBookDeps & { readonly log: Pick<Logger, 'warn'> },
  now: Date,
  at: string,
): Promise<{ recorded: RecordedFee[]; unmatched: string[] }> {
  const mode = deps.broker.mode;
  const positions = (await deps.trades.listPositions()).filter((p) => p.mode === mode && p.assetClass === 'CRYPTO');
  const open = positions.filter((p) => p.status === 'open');
  const lookback = now.getTime() - FEE_LOOKBACK_DAYS * DAY_MS;
  // Nothing open and nothing closed lately: no fee can be ours, and Alpaca is not asked.
  if (open.length === 0 && !positions.some((p) => p.closedAt !== null && Date.parse(p.closedAt) >= lookback))
    return { recorded: [], unmatched: [] };
  const since = Math.min(lookback, ...open.map((p) => Date.parse(p.openedAt)));
  const after = new Date(Math.floor(since / DAY_MS) * DAY_MS - DAY_MS).toISOString();
  const known = new Set(positions.flatMap((p) => (p.coinFees ?? []).map((f) => f.activityId)));
  const recorded: RecordedFee[] = [];
  const unmatched: string[] = [];
  for (const fee of await deps.broker.cryptoFees(after)) {
    if (known.has(fee.id)) continue;
    const found = owner(fee, positions);
    if (found === undefined) {
      unmatched.push(fee.id);
      deps.log.warn('crypto fee with no position of ours: not recorded', { activityId: fee.id, symbol: fee.symbol });
      continue;
    }
    // Re-read: an earlier fee of this run may have changed the record.
    const position = (await deps.trades.getPosition(found.signalId)) ?? found;
    const coinFees = [
      ...(position.coinFees ?? []),
      { activityId: fee.id, date: fee.date, qty: fee.qty, price: fee.price, usd: fee.usd },
    ];
    const orders = await deps.trades.listOrders({ signalId: position.signalId });
    const next = withHoldings({ ...position, coinFees }, orders, at);
    // Published before the record: a crash between the two publishes it again under the same id, never not at all.
    await publishTradeEvent(deps, {
      schemaVersion: 1,
      type: 'trade.fee',
      eventId: tradeEventIdFor('trade.fee', fee.id),
      signalId: position.signalId,
      symbol: position.symbol,
      assetClass: position.assetClass,
      occurredAt: at,
      mode,
      activityId: fee.id,
      qty: fee.qty,
      price: fee.price,
      fees: fee.usd,
      realizedPnl: next.realizedPnl,
    });
    await deps.trades.putPosition(position.status === 'closed' ? { ...next, qty: position.qty } : next);
    known.add(fee.id);
    recorded.push({ signalId: position.signalId, activityId: fee.id, qty: fee.qty, usd: fee.usd });
  }
  return { recorded, unmatched };
}
