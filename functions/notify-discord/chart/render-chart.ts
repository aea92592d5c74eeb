import { Resvg } from '@resvg/resvg-js';
import type { Signal } from '../../../shared/domain/signal.js';
import type { RecentBar } from '../../../shared/messages/analysis.js';
import type { DiscordFile } from '../discord/message.types.js';
import { CHART_FILENAME } from '../embeds/signal-card.js';
import { patternTitle, shortTimeframe } from '../embeds/embed-parts.js';
import { chartFonts } from './chart-fonts.js';
import { chartSvg } from './chart-svg.js';

/** SVG → PNG without a browser (resvg); text in the first chart font installed (chart-fonts.ts), else a system font. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { font: chartFonts(), background: '#2b2d31' });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * The new-signal chart as an attachment: the analysis' recent candles with the signal's levels and pivots.
 * Undefined when the event carries fewer than two bars (an event from before `recentBars` existed).
 */
export function signalChart(signal: Signal, bars: readonly RecentBar[] | undefined): DiscordFile | undefined {
  if (bars === undefined || bars.length < 2) return undefined;
  const svg = chartSvg({
    title: `${signal.symbol} ${shortTimeframe(signal.timeframe)} · ${patternTitle(signal.pattern)}`,
    bars,
    levels: signal,
    pivots: [...signal.structuralAnchors, ...(signal.harmonic?.pivots ?? [])],
  });
  return {
    filename: CHART_FILENAME,
    contentType: 'image/png',
    data: svgToPng(svg),
    description: `${signal.symbol} candles with entry, stop and targets`,
  };
}
