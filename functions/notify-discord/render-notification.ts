import type { Signal } from '../../shared/domain/signal.js';
import type { SignalEvent, SignalLifecycleEvent } from '../../shared/messages/events.js';
import { signalChart } from './chart/render-chart.js';
import { fitToLimits } from './discord/limits.js';
import type { DiscordEmbed, DiscordFile } from './discord/message.types.js';
import { routeFor } from './discord/routes.js';
import type { MessageAudience, Route } from './discord/routes.js';
import { LIFECYCLE_EMBEDS } from './embeds/lifecycle-embeds.js';
import { rejectedEmbed, rejectedThreadName } from './embeds/rejected-embed.js';
import { signalCard, signalThreadName } from './embeds/signal-card.js';
import type { FollowUp, Notification } from './notification-sink.port.js';
import { renderText } from './render-text.js';

/** How to render: test mode labels every message `[TEST] ` and routes it to the test webhook (reference §6.1, §6.3). */
export interface RenderOptions {
  readonly testMode: boolean;
  /** Draw the new-signal chart (default true). */
  readonly chart?: boolean;
  /**
   * The signal the original message's card shows when a lifecycle step edits it: the stored state when it is newer
   * than the event's (a step delivered late must not rewind the card); the event's own signal when absent.
   */
  readonly cardSignal?: Signal;
}

/** The username every message is posted under. */
export const USERNAME = 'Crypto Sentinel';

/** Who an event is for: shadow signals have their own route, a bar gap is the system's, every other event follows its asset class. */
export function audienceOf(event: SignalEvent): MessageAudience {
  if (event.type === 'signal.rejected') return { kind: 'shadow' };
  if (event.type === 'signal.gap') return { kind: 'system' };
  return { kind: 'signal', assetClass: event.assetClass };
}

/** The route of an event, known before rendering (the delivery claim is taken on it). */
export function routeOfEvent(event: SignalEvent, testMode: boolean): Route {
  return routeFor(audienceOf(event), testMode);
}

interface Parts {
  readonly embed: DiscordEmbed;
  readonly files: readonly DiscordFile[];
  readonly threadName: string;
  readonly followUp?: FollowUp;
}

function lifecycleParts(event: SignalLifecycleEvent, label: string, cardSignal: Signal): Parts {
  return {
    embed: LIFECYCLE_EMBEDS[event.type](event, label),
    files: [],
    threadName: signalThreadName(event.signal),
    // A bar gap is a notice on the system route, where the signal's message is not: it follows no signal.
    ...(event.type === 'signal.gap'
      ? {}
      : { followUp: { signalId: event.signalId, card: signalCard(cardSignal, label, { chart: true }) } }),
  };
}

function partsOf(event: SignalEvent, label: string, chart: boolean, cardSignal: Signal | undefined): Parts {
  switch (event.type) {
    case 'signal.created': {
      const file = chart ? signalChart(event.signal, event.recentBars) : undefined;
      return {
        embed: signalCard(event.signal, label, { chart: file !== undefined }),
        files: file === undefined ? [] : [file],
        threadName: signalThreadName(event.signal),
      };
    }
    case 'signal.rejected':
      return { embed: rejectedEmbed(event.rejected, label), files: [], threadName: rejectedThreadName(event.rejected) };
    default:
      return lifecycleParts(event, label, cardSignal ?? event.signal);
  }
}

/** One event as a notification (pure): plain text, one embed within Discord's limits, the chart of a new signal, its route. */
export function renderNotification(event: SignalEvent, options: RenderOptions): Notification {
  const label = options.testMode ? '[TEST] ' : '';
  const { title, text } = renderText(event, label);
  const parts = partsOf(event, label, options.chart ?? true, options.cardSignal);
  return {
    eventId: event.eventId,
    type: event.type,
    symbol: event.symbol,
    title,
    text,
    route: routeOfEvent(event, options.testMode),
    payload: fitToLimits({ username: USERNAME, embeds: [parts.embed], allowed_mentions: { parse: [] } }),
    files: parts.files,
    threadName: parts.threadName,
    ...(parts.followUp ? { followUp: parts.followUp } : {}),
  };
}
