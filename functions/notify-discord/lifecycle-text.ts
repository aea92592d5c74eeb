import type { SignalLifecycleEvent } from '../../shared/messages/events.js';
import { exitReasonText, patternLine, rMultiple, usd, utcMinute } from './text-parts.js';

/** A message before it is joined: the heading and the lines under it. */
export interface MessageBody {
  readonly title: string;
  readonly lines: readonly string[];
}

/** Renders one kind of event; `label` is `[TEST] ` in test mode, else empty. */
export type Renderer<E> = (event: E, label: string) => MessageBody;

type LifecycleType = SignalLifecycleEvent['type'];

const result = (event: SignalLifecycleEvent): string[] =>
  event.realizedR === undefined ? [] : [`Result so far: ${rMultiple(event.realizedR)}`];

const closed = (event: SignalLifecycleEvent): string[] =>
  event.realizedR === undefined ? [] : [`Result: ${rMultiple(event.realizedR)}`];

const step = (emoji: string, what: string, event: SignalLifecycleEvent, label: string): string =>
  `${emoji} ${label}${what}: ${event.symbol}`;

/** One renderer per lifecycle step; a new step fails to compile until it has one. */
export const LIFECYCLE_RENDERERS: Readonly<Record<LifecycleType, Renderer<SignalLifecycleEvent>>> = {
  'signal.tp1': (event, label) => ({
    title: step('🎯', 'TP1 HIT', event, label),
    lines: [
      patternLine(event.signal),
      `TP1 filled at ${usd(event.price)}`,
      `💎 Scaling out 50 %, stop → breakeven (${usd(event.signal.currentStop)})`,
      ...result(event),
    ],
  }),
  'signal.tp2': (event, label) => ({
    title: step('🚀', 'TP2 HIT', event, label),
    lines: [
      patternLine(event.signal),
      `TP2 filled at ${usd(event.price)}`,
      `💎 Scaling out 50 % of the rest, stop → TP1 (${usd(event.signal.currentStop)})`,
      ...result(event),
    ],
  }),
  'signal.tp3': (event, label) => ({
    title: step('🌕', 'TP3 HIT, RUNNER COMPLETE', event, label),
    lines: [patternLine(event.signal), `🏃 Runner complete: trailing stop hit at ${usd(event.price)}`, ...closed(event)],
  }),
  'signal.stopped': (event, label) => ({
    title: step('💀', 'STOPPED OUT', event, label),
    lines: [patternLine(event.signal), `Stop hit at ${usd(event.price)} (entry ${usd(event.signal.entry)})`, ...closed(event)],
  }),
  'signal.invalidated': (event, label) => ({
    title: step('🛑', 'INVALIDATED', event, label),
    lines: [
      patternLine(event.signal),
      `Reason: ${exitReasonText(event.exitReason)}`,
      `Closed at ${usd(event.price)} (entry ${usd(event.signal.entry)})`,
      ...closed(event),
    ],
  }),
  'signal.expired': (event, label) => ({
    title: step('⏳', 'EXPIRED', event, label),
    lines: [
      patternLine(event.signal),
      `Valid until ${utcMinute(event.signal.validUntil)} passed; closed at ${usd(event.price)}`,
      ...closed(event),
    ],
  }),
  'signal.trailed': (event, label) => ({
    title: step('🏃📈', 'TRAIL UPDATE', event, label),
    lines: [
      patternLine(event.signal),
      `New stop: ${usd(event.newTp3 ?? event.price)} ▲`,
      `Previous: ${event.previousTp3 === undefined ? '—' : usd(event.previousTp3)}`,
    ],
  }),
};
