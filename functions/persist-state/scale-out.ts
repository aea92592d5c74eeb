import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { ExitReason, Signal, SignalStatus } from '../../shared/domain/signal.js';

/** Share of the open position each take-profit sells (reference plan: 50 % at TP1, half the rest at TP2). */
export const TAKE_SHARE = 0.5;

/** Result of a price move from entry, in multiples of the initial risk (entry − original stop). */
export function rMultiple(signal: Signal, price: number): number {
  const risk = signal.entry - signal.stop;
  if (!(risk > 0)) {
    throw new InvalidArgumentError('signal.stop', `must be below entry to define a risk (entry ${signal.entry}, stop ${signal.stop})`);
  }
  return (price - signal.entry) / risk;
}

/** Books a partial exit at `fill` and moves the stop; the open fraction halves. */
export function takeProfit(signal: Signal, status: SignalStatus, fill: number, newStop: number): Signal {
  const taken = signal.openFraction * TAKE_SHARE;
  return {
    ...signal,
    status,
    currentStop: newStop,
    openFraction: signal.openFraction - taken,
    realizedR: signal.realizedR + taken * rMultiple(signal, fill),
  };
}

/** Closes what is left of the position at `exitPrice` and records the exit. */
export function closeOut(
  signal: Signal,
  status: SignalStatus,
  exitReason: ExitReason,
  exitPrice: number,
  exitTime: string,
): Signal {
  return {
    ...signal,
    status,
    openFraction: 0,
    realizedR: signal.realizedR + signal.openFraction * rMultiple(signal, exitPrice),
    exitReason,
    exitPrice,
    exitTime,
  };
}
