import type { SignalLifecycleEvent } from '../../../shared/messages/events.js';
import type { DiscordEmbed, EmbedField } from '../discord/message.types.js';
import { previousStop } from '../lifecycle-text.js';
import { exitReasonText, rMultiple, usd } from '../text-parts.js';
import { TYPE_COLOURS } from './colours.js';
import { discordTime, inline, patternTitle, shortTimeframe } from './embed-parts.js';

type LifecycleType = SignalLifecycleEvent['type'];

/** Renders one lifecycle step; `label` is `[TEST] ` in test mode, else empty. */
export type LifecycleEmbedRenderer = (event: SignalLifecycleEvent, label: string) => DiscordEmbed;

const result = (event: SignalLifecycleEvent, name = 'Result so far'): EmbedField[] => [
  ...(event.realizedR === undefined ? [] : [inline(`${name} (gross)`, rMultiple(event.realizedR))]),
  ...(event.realizedRNet === undefined ? [] : [inline(`${name} (net of costs)`, rMultiple(event.realizedRNet))]),
];

function embed(
  event: SignalLifecycleEvent,
  label: string,
  heading: string,
  description: string,
  fields: EmbedField[],
): DiscordEmbed {
  const { signal } = event;
  return {
    title: `${heading.split(' ')[0]} ${label}${heading.split(' ').slice(1).join(' ')} · ${event.symbol}`,
    description,
    color: TYPE_COLOURS[event.type],
    fields: [
      ...fields,
      inline('Pattern', `${patternTitle(signal.pattern)} ${shortTimeframe(signal.timeframe)}`),
      inline('Bar', discordTime(event.barTimestamp)),
    ],
    footer: { text: `Signal ${signal.signalId.slice(0, 8)} · ${signal.status}` },
    timestamp: event.occurredAt,
  };
}

/** One embed renderer per lifecycle step; a new step fails to compile until it has one. */
export const LIFECYCLE_EMBEDS: Readonly<Record<LifecycleType, LifecycleEmbedRenderer>> = {
  'signal.tp1': (e, label) =>
    embed(e, label, '🎯 TP1 hit', '💎 Scaling out 50 %, stop → **breakeven**', [
      inline('Filled at', usd(e.price)),
      inline('Stop now', usd(e.signal.currentStop)),
      ...result(e),
    ]),
  'signal.tp2': (e, label) =>
    embed(e, label, '🚀 TP2 hit', '💎 Scaling out 50 % of the rest, stop → **TP1**', [
      inline('Filled at', usd(e.price)),
      inline('Stop now', usd(e.signal.currentStop)),
      ...result(e),
    ]),
  'signal.tp3': (e, label) =>
    embed(e, label, '🌕 TP3 hit', '🏃 **Runner complete**: last quarter filled at TP3', [
      inline('Closed at', usd(e.price)),
      ...result(e, 'Result'),
    ]),
  'signal.stopped': (e, label) =>
    embed(e, label, '💀 Stopped out', `Stop hit at **${usd(e.price)}**: ${exitReasonText(e.exitReason)}`, [
      inline('Entry', usd(e.signal.entry)),
      inline('Stop', usd(e.signal.currentStop)),
      ...result(e, 'Result'),
    ]),
  'signal.invalidated': (e, label) =>
    embed(e, label, '🛑 Invalidated', `Reason: ${exitReasonText(e.exitReason)}`, [
      inline('Closed at', usd(e.price)),
      inline('Entry', usd(e.signal.entry)),
      ...result(e, 'Result'),
    ]),
  'signal.expired': (e, label) =>
    embed(
      e,
      label,
      '⏳ Expired',
      `Time stop: no TP1 or stop within ${e.signal.validityBars} bars (about ${discordTime(e.signal.validUntil)})`,
      [inline('Closed at', usd(e.price)), ...result(e, 'Result')],
    ),
  'signal.trailed': (e, label) =>
    embed(e, label, '🏃📈 Trail update', "The runner's trailing stop moved up", [
      inline('New stop', `${usd(e.newStop ?? e.newTp3 ?? e.price)} ▲`),
      inline('Previous', previousStop(e)),
    ]),
  'signal.gap': (e, label) =>
    embed(e, label, '⚠️ Bar gap', 'Some bars never reached the lifecycle; the signal continues from the bars that did', [
      inline('Last bar applied', e.gapFrom === undefined ? '—' : discordTime(e.gapFrom)),
      inline('Resumed at', e.gapTo === undefined ? '—' : discordTime(e.gapTo)),
    ]),
};
