import type { SignalLifecycleEvent } from '../../shared/messages/events.js';
import { exitReasonText, patternLine, rGrossNet, usd, utcMinute } from './text-parts.js';

/** A message before it is joined: the heading and the lines under it. */
export interface MessageBody {
  readonly title: string;
  readonly lines: readonly string[];
}

/** Renders one kind of event; `label` is `[TEST] ` in test mode, else empty. */
export type Renderer<E> = (event: E, label: string) => MessageBody;

type LifecycleType = SignalLifecycleEvent['type'];

const result = (event: SignalLifecycleEvent): string[] =>
  event.realizedR === undefined ? [] : [`Result so far: ${rGrossNet(event.realizedR, event.realizedRNet)}`];

const closed = (event: SignalLifecycleEvent): string[] =>
  event.realizedR === undefined ? [] : [`Result: ${rGrossNet(event.realizedR, event.realizedRNet)}`];

const step = (emoji: string, what: string, event: SignalLifecycleEvent, label: string): string =>
  `${emoji} ${label}${what}: ${event.symbol}`;

/** The stop before a trail raise, in dollars (rules version 1 wrote it as `previousTp3`). */
export function previousStop(event: SignalLifecycleEvent): string {
  const previous = event.previousStop ?? event.previousTp3;
  return previous === undefined ? '—' : usd(previous);
}

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
    lines: [patternLine(event.signal), `🏃 Runner complete: last quarter filled at TP3, ${usd(event.price)}`, ...closed(event)],
  }),
  'signal.stopped': (event, label) => ({
    title: step('💀', 'STOPPED OUT', event, label),
    lines: [
      patternLine(event.signal),
      `Stop hit at ${usd(event.price)} (entry ${usd(event.signal.entry)}): ${exitReasonText(event.exitReason)}`,
      ...closed(event),
    ],
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
      `Time stop: no TP1 or stop within ${event.signal.validityBars} bars (about ${utcMinute(event.signal.validUntil)}); closed at ${usd(event.price)}`,
      ...closed(event),
    ],
  }),
  'signal.trailed': (event, label) => ({
    title: step('🏃📈', 'TRAIL UPDATE', event, label),
    lines: [
      patternLine(event.signal),
      `New stop: ${usd(event.newStop ?? event.newTp3 ?? event.price)} ▲`,
      `Previous: ${previousStop(event)}`,
    ],
  }),
  'signal.gap': (event, label) => ({
    title: step('⚠️', 'BAR GAP', event, label),
    lines: [
      patternLine(event.signal),
      `Bars after ${utcMinute(event.gapFrom ?? event.signal.lastBarTimestamp)} and before ${utcMinute(event.gapTo ?? event.barTimestamp)} never reached the lifecycle;`,
      'the signal continues from the bars that did, and its result may miss what happened in between.',
    ],
  }),
};
