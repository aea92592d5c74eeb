import type { SignalCreatedEvent, SignalEvent, SignalRejectedEvent } from '../../shared/messages/events.js';
import { LIFECYCLE_RENDERERS } from './lifecycle-text.js';
import type { MessageBody, Renderer } from './lifecycle-text.js';
import { confluenceLine, patternName, usd, utcMinute } from './text-parts.js';

const renderCreated: Renderer<SignalCreatedEvent> = ({ signal }, label) => {
  const macro = signal.classification === 'MACRO_PATTERN';
  const emoji = macro ? '🏛️' : '🚀';
  const tag = macro ? '[MACRO SETUP] ' : '';
  const invalidation =
    signal.invalidation !== null && signal.invalidation !== signal.stop ? [`Invalidation: ${usd(signal.invalidation)}`] : [];
  return {
    title: `${emoji} ${label}${tag}${patternName(signal.pattern)} detected on ${signal.symbol} (${signal.timeframe})`,
    lines: [
      `Entry: ${usd(signal.entry)}`,
      `Stop loss: ${usd(signal.stop)}`,
      ...invalidation,
      `TP1 (conservative): ${usd(signal.tp1)}`,
      `TP2 (structural): ${usd(signal.tp2)}`,
      `TP3 (runner): ${usd(signal.tp3)}`,
      `R:R ${signal.riskReward.toFixed(2)} · Conviction: ${signal.convictionTier}`,
      confluenceLine(signal),
      `Valid until ${utcMinute(signal.validUntil)}`,
    ],
  };
};

const renderRejected: Renderer<SignalRejectedEvent> = ({ rejected }, label) => ({
  title: `👻 ${label}[REJECTED] ${patternName(rejected.pattern)} on ${rejected.symbol} (${rejected.timeframe})`,
  lines: [
    `Reasons: ${rejected.reasons.join('; ')}`,
    `Entry ${usd(rejected.entry)} | Stop ${usd(rejected.stop)} | TP1 ${usd(rejected.tp1)}`,
    `R:R ${rejected.riskReward.toFixed(2)}`,
    confluenceLine(rejected),
    'Shadow signal: kept for analysis, never traded.',
  ],
});

function bodyOf(event: SignalEvent, label: string): MessageBody {
  switch (event.type) {
    case 'signal.created':
      return renderCreated(event, label);
    case 'signal.rejected':
      return renderRejected(event, label);
    default:
      return LIFECYCLE_RENDERERS[event.type](event, label);
  }
}

/** The readable plain-text message of one event (pure): its title and the whole text, title first. */
export function renderText(event: SignalEvent, label: string): { readonly title: string; readonly text: string } {
  const { title, lines } = bodyOf(event, label);
  return { title, text: [title, ...lines].join('\n') };
}
