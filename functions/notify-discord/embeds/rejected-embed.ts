import type { RejectedCandidate } from '../../../shared/domain/signal.js';
import type { DiscordEmbed } from '../discord/message.types.js';
import { usd } from '../text-parts.js';
import { TYPE_COLOURS } from './colours.js';
import { block, confluenceText, discordTime, geometryLines, patternTitle, shortTimeframe } from './embed-parts.js';

/** The first reason of a rejection as the reference's title tag: `VOLUME RATIO 1.1 < 1.5`. */
function reasonTag(rejected: RejectedCandidate): string {
  return (rejected.reasons[0] ?? 'unknown').toUpperCase().replaceAll('_', ' ');
}

/** The shadow-signal embed (reference §6.3): grey, with the reasons, the confluence, the geometry and the levels. */
export function rejectedEmbed(rejected: RejectedCandidate, label: string): DiscordEmbed {
  return {
    title: `👻 ${label}[REJECTED: ${reasonTag(rejected)}]`,
    description: `**${rejected.symbol}** ${patternTitle(rejected.pattern)} ${shortTimeframe(rejected.timeframe)} · shadow signal, kept for analysis, never traded`,
    color: TYPE_COLOURS['signal.rejected'],
    fields: [
      block('🚫 Rejection reasons', rejected.reasons.map((reason) => `• ${reason}`).join('\n') || '—'),
      block('🧩 Confluence snapshot', `${confluenceText(rejected)} · R:R ${rejected.riskReward.toFixed(2)}`),
      block('📐 Pattern geometry', geometryLines(rejected, 5)),
      block('📊 Price levels', `Entry ${usd(rejected.entry)} | Stop ${usd(rejected.stop)} | TP1 ${usd(rejected.tp1)}`),
      block('Signal bar', discordTime(rejected.barTimestamp)),
    ],
    footer: { text: `Span: ${rejected.patternSpanBars ?? '—'} bars · ${rejected.classification}` },
    timestamp: rejected.createdAt,
  };
}

/** The forum post title of a shadow signal. */
export function rejectedThreadName(rejected: RejectedCandidate): string {
  return `👻 ${rejected.symbol} Rejected: ${patternTitle(rejected.pattern)}`;
}
