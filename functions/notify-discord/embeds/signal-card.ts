import type { Signal } from '../../../shared/domain/signal.js';
import type { DiscordEmbed, EmbedField } from '../discord/message.types.js';
import { rGrossNet, usd } from '../text-parts.js';
import { STATUS_COLOURS } from './colours.js';
import {
  block,
  confluenceText,
  discordTime,
  geometryLines,
  harmonicText,
  inline,
  patternTitle,
  shortTimeframe,
} from './embed-parts.js';

/** The file name the chart is attached under and referred to by. */
export const CHART_FILENAME = 'chart.png';

const STATUS_TEXT: Readonly<Record<Signal['status'], string>> = {
  WAITING: '🟢 Waiting: entry at the close of the signal bar',
  ACTIVE: '🟢 Active',
  TP1_HIT: '🎯 TP1 hit: half taken, stop at breakeven',
  TP2_HIT: '🚀 TP2 hit: runner open, stop at TP1',
  TP3_HIT: '🌕 Closed: runner complete',
  STOPPED: '💀 Closed: stopped out',
  INVALIDATED: '🛑 Closed: invalidated',
  EXPIRED: '⏳ Closed: expired',
};

function emojiOf(signal: Signal): string {
  return signal.classification === 'MACRO_PATTERN' ? '🏛️' : '🚀';
}

function levelFields(signal: Signal): EmbedField[] {
  const invalidation =
    signal.invalidation !== null && signal.invalidation !== signal.stop ? [inline('Invalidation', usd(signal.invalidation))] : [];
  const stop = signal.currentStop !== signal.stop ? `${usd(signal.currentStop)} (was ${usd(signal.stop)})` : usd(signal.stop);
  return [
    inline('Entry', usd(signal.entry)),
    inline('Stop', stop),
    ...invalidation,
    inline('TP1 · conservative', usd(signal.tp1)),
    inline('TP2 · structural', usd(signal.tp2)),
    inline('TP3 · runner', usd(signal.tp3)),
    inline('R:R', signal.riskReward.toFixed(2)),
    inline('Conviction', signal.convictionTier),
  ];
}

/**
 * The new-signal embed, drawn for the signal's current status: posted once when the signal is created and
 * redrawn (colour, status line, stop) for the edit of that message in text channels.
 */
export function signalCard(signal: Signal, label: string, options: { readonly chart: boolean }): DiscordEmbed {
  const tag = signal.classification === 'MACRO_PATTERN' ? '[MACRO SETUP] ' : '';
  const harmonic = harmonicText(signal);
  const span = signal.patternSpanBars === null ? '' : ` · span ${signal.patternSpanBars} bars`;
  return {
    title: `${emojiOf(signal)} ${label}${tag}${patternTitle(signal.pattern)} · ${signal.symbol} ${shortTimeframe(signal.timeframe)}`,
    description: [
      `**${STATUS_TEXT[signal.status]}**`,
      `Valid for ${signal.validityBars} bars, until about ${discordTime(signal.validUntil)} (${discordTime(signal.validUntil, 'R')})`,
      `Result: ${rGrossNet(signal.realizedR, signal.realizedRNet)} (fee ${signal.costs.feePctPerSide} % per side${signal.costs.slippageBps > 0 ? `, slippage ${signal.costs.slippageBps} bps` : ''})`,
    ].join('\n'),
    color: STATUS_COLOURS[signal.status],
    fields: [
      ...levelFields(signal),
      block('Confluence', confluenceText(signal)),
      block(`Pattern geometry${span}`, geometryLines(signal)),
      ...(harmonic === undefined ? [] : [block('Harmonic', harmonic)]),
      inline('Signal bar', discordTime(signal.barTimestamp)),
    ],
    ...(options.chart ? { image: { url: `attachment://${CHART_FILENAME}` } } : {}),
    footer: {
      text: `Signal ${signal.signalId.slice(0, 8)} · engine ${signal.provenance.engineVersion} · ${signal.classification}`,
    },
    timestamp: signal.createdAt,
  };
}

/** The forum post title of a signal: `🚀 BTC/USD Bullish Engulfing`. */
export function signalThreadName(signal: Pick<Signal, 'symbol' | 'pattern' | 'classification'>): string {
  return `${signal.classification === 'MACRO_PATTERN' ? '🏛️' : '🚀'} ${signal.symbol} ${patternTitle(signal.pattern)}`;
}
