import { InvalidArgumentError } from '../../shared/errors/errors.js';
import { costFraction } from '../../shared/domain/signal.js';
import type { ExitReason, Signal, SignalStatus } from '../../shared/domain/signal.js';

/** Share of the open position TP1 and TP2 each sell (reference plan: 50 % at TP1, half the rest at TP2); TP3 sells the rest. */
export const TAKE_SHARE = 0.5;

/** Result of a price move from entry, in multiples of the initial risk (entry − original stop). */
export function rMultiple(signal: Pick<Signal, 'entry' | 'stop'>, price: number): number {
  const risk = signal.entry - signal.stop;
  if (!(risk > 0)) {
    throw new InvalidArgumentError(
      'signal.stop',
      `must be below entry to define a risk (entry ${signal.entry}, stop ${signal.stop})`,
    );
  }
  return (price - signal.entry) / risk;
}

/** What one side of `fraction` of the position filled at `price` costs, in R. */
export function costR(signal: Pick<Signal, 'entry' | 'stop' | 'costs'>, fraction: number, price: number): number {
  return (fraction * price * costFraction(signal.costs)) / (signal.entry - signal.stop);
}

/** Books the sale of `fraction` of the position at `fill`: R gross and net. */
function book(signal: Signal, fraction: number, fill: number): Pick<Signal, 'realizedR' | 'realizedRNet' | 'openFraction'> {
  const gross = fraction * rMultiple(signal, fill);
  return {
    openFraction: signal.openFraction - fraction,
    realizedR: signal.realizedR + gross,
    realizedRNet: signal.realizedRNet + gross - costR(signal, fraction, fill),
  };
}

/** Books a partial exit at `fill` (TP1 or TP2) and raises the stop to `newStop`; the open fraction halves. */
export function takeProfit(signal: Signal, status: SignalStatus, fill: number, newStop: number): Signal {
  return {
    ...signal,
    ...book(signal, signal.openFraction * TAKE_SHARE, fill),
    status,
    tp1Reached: true,
    currentStop: Math.max(signal.currentStop, newStop),
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
  return { ...signal, ...book(signal, signal.openFraction, exitPrice), openFraction: 0, status, exitReason, exitPrice, exitTime };
}
