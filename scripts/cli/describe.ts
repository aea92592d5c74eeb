import { formatPrice } from '../../shared/format/price.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import { redact } from '../../shared/log/redact.js';

/** A result in R, signed: `+1.50R`, `-1.00R`, `—` when unknown. */
export function rText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}R`;
}

/** One line saying what an event means: the pattern and levels of a new signal, the reasons of a rejection, a step's price. */
export function describeEvent(event: SignalEvent): string {
  switch (event.type) {
    case 'signal.created': {
      const s = event.signal;
      return (
        `${s.pattern} ${s.timeframe} on the ${s.barTimestamp.slice(0, 10)} bar: entry ${formatPrice(s.entry)}, ` +
        `stop ${formatPrice(s.stop)}, TP1 ${formatPrice(s.tp1)} / TP2 ${formatPrice(s.tp2)} / TP3 ${formatPrice(s.tp3)}`
      );
    }
    case 'signal.rejected':
      return `${event.rejected.pattern} on the ${event.rejected.barTimestamp.slice(0, 10)} bar, shadow only: ${event.rejected.reasons.join('; ')}`;
    case 'signal.trailed': {
      const previous = event.previousStop ?? event.previousTp3 ?? Number.NaN;
      const next = event.newStop ?? event.newTp3 ?? Number.NaN;
      return `runner stop trailed ${formatPrice(previous)} → ${formatPrice(next)} on the ${event.barTimestamp.slice(0, 10)} bar`;
    }
    case 'signal.gap':
      return `bars after ${event.gapFrom ?? '?'} and before ${event.gapTo ?? event.barTimestamp} never reached the lifecycle`;
    default: {
      const net = event.realizedRNet === undefined ? '' : ` (${rText(event.realizedRNet)} net)`;
      const result = event.realizedR === undefined ? '' : `, ${rText(event.realizedR)}${net}`;
      return `${event.signal.pattern} at ${formatPrice(event.price)} on the ${event.barTimestamp.slice(0, 10)} bar → ${event.status}${result}`;
    }
  }
}

/** Text that is safe to print: registered secrets and credential patterns masked. */
export function safeText(text: string): string {
  const clean = redact(text);
  return typeof clean === 'string' ? clean : JSON.stringify(clean);
}

/** A value cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
