import type { PositionRecord } from './trade-records.js';

/** One point of the equity curve: equity after the trade closed at `at`. */
export interface EquityPoint {
  readonly at: string;
  readonly equity: number;
}

/** The paper account of a run: trades, result, maximum drawdown and the equity curve (realized, by closing time). */
export interface PaperAccount {
  readonly mode: string;
  readonly startingEquity: number;
  readonly equity: number;
  readonly trades: number;
  readonly open: number;
  readonly wins: number;
  readonly losses: number;
  readonly realizedPnl: number;
  readonly fees: number;
  /** Largest fall from a peak of the curve, in dollars and as a fraction of that peak. */
  readonly maxDrawdown: number;
  readonly maxDrawdownFraction: number;
  readonly curve: readonly EquityPoint[];
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** The account from the position records (pure): closed positions in closing order make the curve. */
export function paperAccount(positions: readonly PositionRecord[], startingEquity: number): PaperAccount {
  const closed = positions.filter((p) => p.status === 'closed' && p.closedAt !== null && p.plannedQty > 0);
  closed.sort((a, b) => Date.parse(a.closedAt ?? '') - Date.parse(b.closedAt ?? '') || a.signalId.localeCompare(b.signalId));
  let equity = startingEquity;
  let peak = startingEquity;
  let maxDrawdown = 0;
  let maxDrawdownFraction = 0;
  const curve: EquityPoint[] = [];
  for (const position of closed) {
    equity += position.realizedPnl;
    peak = Math.max(peak, equity);
    if (peak - equity > maxDrawdown) {
      maxDrawdown = peak - equity;
      maxDrawdownFraction = (peak - equity) / peak;
    }
    curve.push({ at: position.closedAt ?? '', equity: cents(equity) });
  }
  const realizedPnl = closed.reduce((sum, p) => sum + p.realizedPnl, 0);
  return {
    mode: [...new Set(positions.map((p) => p.mode))].join('+') || 'simulated',
    startingEquity,
    equity: cents(startingEquity + realizedPnl),
    trades: closed.length,
    open: positions.filter((p) => p.status === 'open').length,
    wins: closed.filter((p) => p.realizedPnl > 0).length,
    losses: closed.filter((p) => p.realizedPnl <= 0).length,
    realizedPnl: cents(realizedPnl),
    fees: cents(closed.reduce((sum, p) => sum + p.fees, 0)),
    maxDrawdown: cents(maxDrawdown),
    maxDrawdownFraction: Number(maxDrawdownFraction.toFixed(6)),
    curve,
  };
}
