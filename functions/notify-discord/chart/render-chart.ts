import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Signal } from '../../../shared/domain/signal.js';
import type { RecentBar } from '../../../shared/messages/analysis.js';
import type { DiscordFile } from '../discord/message.types.js';
import { CHART_FILENAME } from '../embeds/signal-card.js';
import { patternTitle, shortTimeframe } from '../embeds/embed-parts.js';
import { chartSvg } from './chart-svg.js';

/** DejaVu Sans regular and bold where Debian/Ubuntu, Fedora and Arch install them. */
const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu-sans-fonts', '/usr/share/fonts/TTF'];
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/**
 * The fonts a chart uses, looked up once: DejaVu Sans (first in the charts' font list) when both its files are found,
 * which spares resvg reading every system font at each render; else all system fonts.
 */
function chartFonts(): { readonly loadSystemFonts: boolean; readonly fontFiles?: string[] } {
  if (fonts === undefined) {
    const dir = DEJAVU_DIRS.find((candidate) => DEJAVU_FILES.every((file) => existsSync(join(candidate, file))));
    fonts =
      dir === undefined
        ? { loadSystemFonts: true }
        : { loadSystemFonts: false, fontFiles: DEJAVU_FILES.map((file) => join(dir, file)) };
  }
  return fonts;
}

let fonts: ReturnType<typeof chartFonts> | undefined;

/** SVG → PNG without a browser (resvg); text uses DejaVu Sans (the system fonts when it is not installed). */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { font: { ...chartFonts(), defaultFontFamily: 'DejaVu Sans' }, background: '#2b2d31' });
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
