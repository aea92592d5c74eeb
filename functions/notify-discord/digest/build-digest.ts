import { eventIdFor } from '../../../shared/domain/ids.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import type { EmbedField } from '../discord/message.types.js';
import { block, patternTitle, shortTimeframe } from '../embeds/embed-parts.js';
import type { Notification } from '../notification-sink.port.js';
import { digestNotification } from './digest-notification.js';
import { rGrossNet, usd } from '../text-parts.js';

/** The event id of the digest of one UTC day (`YYYY-MM-DD`): the same day is delivered once. */
export function digestEventId(day: string): string {
  return eventIdFor('daily-digest', day);
}

const SECTIONS: readonly { readonly name: string; readonly types: readonly SignalEvent['type'][] }[] = [
  { name: '🚀 New signals', types: ['signal.created'] },
  { name: '🎯 Targets hit', types: ['signal.tp1', 'signal.tp2', 'signal.tp3'] },
  { name: '💀 Stopped or invalidated', types: ['signal.stopped', 'signal.invalidated'] },
  { name: '⏳ Expired', types: ['signal.expired'] },
  { name: '🏃 Trail updates', types: ['signal.trailed'] },
  { name: '👻 Rejected (shadow)', types: ['signal.rejected'] },
];

function line(event: SignalEvent): string {
  switch (event.type) {
    case 'signal.created':
      return `${event.symbol} ${shortTimeframe(event.timeframe)} ${patternTitle(event.signal.pattern)} · entry ${usd(event.signal.entry)}`;
    case 'signal.rejected':
      return `${event.symbol} ${patternTitle(event.rejected.pattern)}: ${event.rejected.reasons[0] ?? '—'}`;
    default: {
      const result = event.realizedR === undefined ? '' : ` · ${rGrossNet(event.realizedR, event.realizedRNet)}`;
      return `${event.symbol} ${event.type.replace('signal.', '').toUpperCase()} at ${usd(event.price)}${result}`;
    }
  }
}

/**
 * The daily digest of what changed on one UTC day (pure): one section per kind of change, listing each event
 * of that day, sent to the system route. Long lists are cut to Discord's limits by `fitToLimits`.
 */
export function buildDigest(events: readonly SignalEvent[], day: string, options: { readonly testMode: boolean }): Notification {
  const label = options.testMode ? '[TEST] ' : '';
  const today = [...new Map(events.filter((e) => e.occurredAt.startsWith(day)).map((e) => [e.eventId, e])).values()].sort(
    (a, b) => a.occurredAt.localeCompare(b.occurredAt),
  );
  const fields: EmbedField[] = SECTIONS.flatMap(({ name, types }) => {
    const found = today.filter((e) => types.includes(e.type));
    return found.length === 0 ? [] : [block(`${name} (${found.length})`, found.map((e) => `• ${line(e)}`).join('\n'))];
  });
  const title = `📰 ${label}Daily digest · ${day}`;
  const symbols = new Set(today.map((e) => e.symbol)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary =
    today.length === 0 ? 'Nothing changed.' : `${plural(today.length, 'change')} across ${plural(symbols, 'symbol')}.`;
  return digestNotification({
    eventId: digestEventId(day),
    title,
    summary,
    fields,
    fieldLayout: 'lines',
    footer: 'Crypto Sentinel · UTC day',
    lastDay: day,
    threadName: `📰 Digest ${day}`,
    testMode: options.testMode,
  });
}
